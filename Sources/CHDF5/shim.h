// libhdf5 (Debian: libhdf5-dev, serial flavour). HDF5 exposes its predefined types and
// property-list classes as macros over library globals, which Swift cannot import; the accessors
// below turn them into functions.
#ifndef MFSH_CHDF5_SHIM_H
#define MFSH_CHDF5_SHIM_H
#include "/usr/include/hdf5/serial/hdf5.h"

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
#endif
