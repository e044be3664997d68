// libhdf5 (Debian: libhdf5-dev, serial flavour; the include path and library come from
// pkg-config "hdf5", see Package.swift). HDF5 exposes its predefined types and
// property-list classes as macros over library globals, which Swift cannot import; the accessors
// below turn them into functions.
#ifndef MFSH_CHDF5_SHIM_H
#define MFSH_CHDF5_SHIM_H
#include <hdf5.h>
#include <stdio.h>

static inline hid_t mf_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t mf_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t mf_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t mf_h5t_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t mf_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t mf_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t mf_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t mf_h5t_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t mf_h5t_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t mf_h5t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t mf_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t mf_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t mf_h5s_all(void) { return H5S_ALL; }
static inline hid_t mf_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t mf_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline unsigned mf_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned mf_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline size_t mf_h5t_variable(void) { return H5T_VARIABLE; }

static inline hid_t mf_h5t_native_int(void) { return H5T_NATIVE_INT; }
static inline hid_t mf_h5t_native_llong(void) { return H5T_NATIVE_LLONG; }
static inline hid_t mf_h5e_default(void) { return H5E_DEFAULT; }
static inline hid_t mf_h5p_link_access(void) { return H5P_LINK_ACCESS; }

/* Turns off HDF5's automatic printing of the error stack to stderr (default stack of this
   thread; the serial library has one). Errors are reported through return codes instead and
   read with mf_h5e_take_message. */
static inline void mf_h5e_silence(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

typedef struct { char *buffer; size_t size; int found; } mf_h5e_message_target;

static inline herr_t mf_h5e_collect_first(unsigned n, const H5E_error2_t *entry, void *data) {
    mf_h5e_message_target *target = (mf_h5e_message_target *)data;
    (void)n;
    if (target->found || entry == NULL || entry->desc == NULL || entry->desc[0] == 0) return 0;
    snprintf(target->buffer, target->size, "%s", entry->desc);
    target->found = 1;
    return 0;
}

/* Copies the most specific message on the current error stack into buffer (empty when there is
   none) and clears the stack. */
static inline void mf_h5e_take_message(char *buffer, size_t size) {
    mf_h5e_message_target target = { buffer, size, 0 };
    if (size > 0) buffer[0] = 0;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, mf_h5e_collect_first, &target);
    H5Eclear2(H5E_DEFAULT);
}
#endif
