import CHDF5
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates an HDF5 file and fills it with groups, datasets and attributes through libhdf5, in the
/// forms h5py writes (so Python reads them back as the same kinds): variable-length UTF-8 strings,
/// booleans as the `FALSE`/`TRUE` enumeration over int8, numbers in their native types.
///
/// Use inside `HDF5File.withLibrary` (libhdf5 is not thread-safe). Every failure throws a
/// `DataError` naming the file and the object, with libhdf5's reason.
final class HDF5Writer {
    let path: String
    private let id: hid_t

    /// Creates (or truncates) the file at `path`.
    init(creating path: String) throws(DataError) {
        self.path = path
        let file = H5Fcreate(path, mf_h5f_acc_trunc(), mf_h5p_default(), mf_h5p_default())
        guard file >= 0 else {
            throw DataError("cannot create HDF5 file: \(HDF5File.takeLibraryMessage())", path: path)
        }
        id = file
    }

    /// Flushes and closes the file; the writer is unusable afterwards.
    func close() throws(DataError) {
        guard H5Fclose(id) >= 0 else {
            throw DataError("cannot finish HDF5 file: \(HDF5File.takeLibraryMessage())", path: path)
        }
    }

    func group(_ object: String) throws(DataError) {
        let handle = H5Gcreate2(id, object, mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        try check(handle, "cannot create group", object)
        H5Gclose(handle)
    }

    /// A dataset of `values` (row-major) with `shape`, stored as `fileType`, given in `memoryType`.
    func dataset<T>(_ object: String, _ values: [T], shape: [Int], fileType: hid_t, memoryType: hid_t) throws(DataError) {
        precondition(shape.reduce(1, *) == values.count, "dataset \(object): \(values.count) values for shape \(shape)")
        try withDataset(object, shape: shape, type: fileType) { dataset in
            values.withUnsafeBytes { H5Dwrite(dataset, memoryType, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), $0.baseAddress) }
        }
    }

    func floats(_ object: String, _ values: [Float], shape: [Int]) throws(DataError) {
        try dataset(object, values, shape: shape, fileType: mf_h5t_native_float(), memoryType: mf_h5t_native_float())
    }

    func doubles(_ object: String, _ values: [Double]) throws(DataError) {
        try dataset(object, values, shape: [values.count], fileType: mf_h5t_native_double(), memoryType: mf_h5t_native_double())
    }

    /// Integers stored in the narrowest of int8/int16/int32/int64 that holds them all (as pandas
    /// stores categorical codes).
    func integers(_ object: String, _ values: [Int64]) throws(DataError) {
        let largest = values.reduce(Int64(0)) { max($0, $1 < 0 ? -($1 + 1) : $1) }
        let fileType = largest <= Int64(Int8.max) ? mf_h5t_native_int8()
            : largest <= Int64(Int16.max) ? mf_h5t_native_int16()
            : largest <= Int64(Int32.max) ? mf_h5t_native_int32() : mf_h5t_native_int64()
        try dataset(object, values, shape: [values.count], fileType: fileType, memoryType: mf_h5t_native_int64())
    }

    /// A 1-D dataset of variable-length UTF-8 strings (or a scalar one with `scalar`).
    func strings(_ object: String, _ values: [String], scalar: Bool = false) throws(DataError) {
        let type = HDF5Writer.stringType()
        defer { H5Tclose(type) }
        try withDataset(object, shape: scalar ? [] : [values.count], type: type) { dataset in
            HDF5Writer.withCStrings(values) { H5Dwrite(dataset, type, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), $0) }
        }
    }

    /// A scalar string attribute.
    func attribute(_ object: String, _ name: String, _ value: String) throws(DataError) {
        try stringsAttribute(object, name, [value], scalar: true)
    }

    /// A 1-D string array attribute (an empty one is a 0-length float64 array, as h5py writes an
    /// empty list).
    func stringsAttribute(_ object: String, _ name: String, _ values: [String], scalar: Bool = false) throws(DataError) {
        if values.isEmpty {
            try withAttribute(object, name, shape: [0], type: mf_h5t_native_double()) { _ in 0 }
            return
        }
        let type = HDF5Writer.stringType()
        defer { H5Tclose(type) }
        try withAttribute(object, name, shape: scalar ? [] : [values.count], type: type) { attribute in
            HDF5Writer.withCStrings(values) { H5Awrite(attribute, type, $0) }
        }
    }

    /// A scalar boolean attribute (numpy's bool as h5py stores it).
    func attribute(_ object: String, _ name: String, _ value: Bool) throws(DataError) {
        let type = HDF5Writer.booleanType()
        defer { H5Tclose(type) }
        var byte: Int8 = value ? 1 : 0
        try withAttribute(object, name, shape: [], type: type) { attribute in H5Awrite(attribute, type, &byte) }
    }

    /// An int64 array attribute (sparse `shape`).
    func attribute(_ object: String, _ name: String, _ values: [Int64]) throws(DataError) {
        try withAttribute(object, name, shape: [values.count], type: mf_h5t_native_int64()) { attribute in
            values.withUnsafeBytes { H5Awrite(attribute, mf_h5t_native_int64(), $0.baseAddress) }
        }
    }

    /// Scalar numeric dataset (AnnData `numeric-scalar`).
    func scalar(_ object: String, _ value: Double) throws(DataError) {
        try dataset(object, [value], shape: [], fileType: mf_h5t_native_double(), memoryType: mf_h5t_native_double())
    }

    /// Sets AnnData's `encoding-type` and `encoding-version` attributes on `object`.
    func encoding(_ object: String, _ type: String, _ version: String) throws(DataError) {
        try attribute(object, "encoding-type", type)
        try attribute(object, "encoding-version", version)
    }

    /// The enumeration FALSE = 0, TRUE = 1 over int8 (numpy bool in h5py); the caller closes it.
    static func booleanType() -> hid_t {
        let type = H5Tenum_create(mf_h5t_native_int8())
        var no: Int8 = 0, yes: Int8 = 1
        H5Tenum_insert(type, "FALSE", &no)
        H5Tenum_insert(type, "TRUE", &yes)
        return type
    }

    // MARK: Plumbing

    private func withDataset(_ object: String, shape: [Int], type: hid_t,
                             _ write: (hid_t) -> herr_t) throws(DataError) {
        let space = HDF5Writer.dataspace(shape)
        defer { H5Sclose(space) }
        let dataset = H5Dcreate2(id, object, type, space, mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        try check(dataset, "cannot create dataset", object)
        defer { H5Dclose(dataset) }
        try check(hid_t(write(dataset)), "cannot write dataset", object)
    }

    private func withAttribute(_ object: String, _ name: String, shape: [Int], type: hid_t,
                               _ write: (hid_t) -> herr_t) throws(DataError) {
        let space = HDF5Writer.dataspace(shape)
        defer { H5Sclose(space) }
        let target = object.isEmpty ? "/" : object
        let attribute = H5Acreate_by_name(id, target, name, type, space, mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        try check(attribute, "cannot create attribute '\(name)'", target)
        defer { H5Aclose(attribute) }
        try check(hid_t(write(attribute)), "cannot write attribute '\(name)'", target)
    }

    private func check(_ status: hid_t, _ what: String, _ object: String) throws(DataError) {
        guard status >= 0 else {
            throw DataError("'\(object)': \(what): \(HDF5File.takeLibraryMessage())", path: path)
        }
    }

    private static func dataspace(_ shape: [Int]) -> hid_t {
        guard !shape.isEmpty else { return H5Screate(H5S_SCALAR) }
        var dims = shape.map { hsize_t($0) }
        return H5Screate_simple(Int32(dims.count), &dims, nil)
    }

    private static func stringType() -> hid_t {
        let type = H5Tcopy(mf_h5t_c_s1())
        H5Tset_size(type, mf_h5t_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        return type
    }

    /// Passes C copies of `values` (an array of `char *`) to `body`.
    private static func withCStrings(_ values: [String], _ body: (UnsafeRawPointer) -> herr_t) -> herr_t {
        let pointers = values.isEmpty ? [nil] : values.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBytes { body($0.baseAddress!) }
    }
}
