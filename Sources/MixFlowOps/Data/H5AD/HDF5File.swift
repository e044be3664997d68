import CHDF5
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kind of an object in an HDF5 file.
enum HDF5ObjectKind: Equatable {
    case group, dataset
}

/// A read-only HDF5 file, opened through libhdf5.
///
/// All libhdf5 use goes through `HDF5File.withLibrary`, which serialises it (the serial build
/// of libhdf5 is not thread-safe) and switches off the library's automatic printing of its error
/// stack; failures come back as `DataError`s naming the file and object, with libhdf5's most
/// specific message attached. Object paths are relative to the root, e.g. `obsm/X_pca`.
final class HDF5File {
    let path: String
    let id: hid_t

    private static let library = Mutex(())

    /// Runs `body` holding the library lock, with error printing off. `path` is the file the
    /// refusal below is about.
    ///
    /// mfsh calls libhdf5 from one thread at a time, so a lock that is taken means an earlier
    /// call never returned: a `load` abandoned on Ctrl-C (`InterruptibleWork`) that is still
    /// inside the library, e.g. blocked opening a FIFO or looping on a crafted file. Waiting
    /// would hang the session (a `save` waits on the main thread, where Ctrl-C cannot reach it),
    /// and the library's state is whatever that call left; so the call is refused with the
    /// reason and the fix. When the abandoned call does end, the lock is free again.
    static func withLibrary<T: Sendable>(path: String, _ body: () throws(DataError) -> T) throws(DataError) -> T {
        let result: Result<T, DataError>? = library.withLockIfAvailable { _ in
            mf_h5e_silence()
            do throws(DataError) { return .success(try body()) } catch { return .failure(error) }
        }
        guard let result else { throw libraryBusy(path) }
        return try result.get()
    }

    /// Whether a call holds libhdf5 right now (for tests of the refusal above).
    static var libraryIsHeld: Bool { library.withLockIfAvailable { _ in false } ?? true }

    static func libraryBusy(_ path: String) -> DataError {
        DataError("libhdf5 is still inside an earlier call that was interrupted with Ctrl-C and never"
                  + " returned (a damaged or crafted .h5ad, or a FIFO, can keep it there), so .h5ad files cannot be read or"
                  + " written in this session", path: path,
                  hint: "restart mfsh to use .h5ad files again; save what you need first (.mfm models, .csv data)")
    }

    /// Opens `path` read-only (call inside `withLibrary`). Errors say whether the file is missing,
    /// is not HDF5 at all, or could not be opened.
    init(path: String) throws(DataError) {
        self.path = path
        guard access(path, R_OK) == 0 else {
            let reason = errno == ENOENT ? "file not found" : String(cString: strerror(errno))
            throw DataError("cannot read '\(path)': \(reason)", path: path)
        }
        guard H5Fis_hdf5(path) > 0 else {
            _ = HDF5File.takeLibraryMessage()
            throw DataError("not an HDF5 file: an .h5ad file is HDF5 (it starts with the bytes \\x89HDF), this one is not",
                            path: path, hint: "is it an AnnData .zarr store, a CSV, or a truncated download?")
        }
        let file = H5Fopen(path, mf_h5f_acc_rdonly(), mf_h5p_default())
        guard file >= 0 else {
            throw DataError("cannot open HDF5 file: \(HDF5File.takeLibraryMessage())", path: path)
        }
        id = file
    }

    deinit { H5Fclose(id) }

    /// libhdf5's most specific message for the last failure (clearing its error stack).
    static func takeLibraryMessage() -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        mf_h5e_take_message(&buffer, buffer.count)
        let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return message.isEmpty ? "libhdf5 gave no reason" : message
    }

    /// An error about the object at `object` in this file.
    func error(_ message: String, object: String? = nil, hint: String? = nil) -> DataError {
        DataError(object.map { "'\($0)': \(message)" } ?? message, path: path, hint: hint)
    }

    /// What is at `object`, or nil when nothing is (checks each path component's link first, so a
    /// missing parent is not an error).
    func kind(of object: String) -> HDF5ObjectKind? {
        var prefix = ""
        for component in object.split(separator: "/") {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            guard H5Lexists(id, prefix, mf_h5p_default()) > 0 else {
                _ = HDF5File.takeLibraryMessage()
                return nil
            }
        }
        let handle = H5Oopen(id, object, mf_h5p_default())
        guard handle >= 0 else {
            _ = HDF5File.takeLibraryMessage()
            return nil
        }
        defer { H5Oclose(handle) }
        switch H5Iget_type(handle) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return nil
        }
    }

    /// Names of the links in group `group` ("" or "/" for the root), in name order.
    func children(of group: String) -> [String] {
        let handle = H5Gopen2(id, group.isEmpty ? "/" : group, mf_h5p_default())
        guard handle >= 0 else {
            _ = HDF5File.takeLibraryMessage()
            return []
        }
        defer { H5Gclose(handle) }
        var info = H5G_info_t()
        guard H5Gget_info(handle, &info) >= 0 else { return [] }
        return (0..<info.nlinks).compactMap { index in
            let length = H5Lget_name_by_idx(handle, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, mf_h5p_default())
            guard length >= 0 else { return nil }
            var name = [CChar](repeating: 0, count: Int(length) + 1)
            H5Lget_name_by_idx(handle, ".", H5_INDEX_NAME, H5_ITER_INC, index, &name, name.count, mf_h5p_default())
            return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Opens an object (group or dataset) for attribute access; the caller closes it.
    func withObject<T>(_ object: String, _ body: (hid_t) throws(DataError) -> T) throws(DataError) -> T {
        let handle = H5Oopen(id, object.isEmpty ? "/" : object, mf_h5p_default())
        guard handle >= 0 else {
            throw error("cannot open: \(HDF5File.takeLibraryMessage())", object: object)
        }
        defer { H5Oclose(handle) }
        return try body(handle)
    }

    /// Opens dataset `object`; the caller's body gets the dataset and its file type.
    func withDataset<T>(_ object: String, _ body: (_ dataset: hid_t, _ type: hid_t) throws(DataError) -> T) throws(DataError) -> T {
        let dataset = H5Dopen2(id, object, mf_h5p_default())
        guard dataset >= 0 else {
            throw error("cannot open dataset: \(HDF5File.takeLibraryMessage())", object: object)
        }
        defer { H5Dclose(dataset) }
        let type = H5Dget_type(dataset)
        defer { H5Tclose(type) }
        return try body(dataset, type)
    }

    /// The dimensions of dataset `object` (empty for a scalar).
    func shape(of object: String) throws(DataError) -> [Int] {
        try withDataset(object) { dataset, _ in HDF5File.shape(ofDataset: dataset) }
    }

    static func shape(ofDataset dataset: hid_t) -> [Int] {
        let space = H5Dget_space(dataset)
        defer { H5Sclose(space) }
        return dimensions(ofSpace: space)
    }

    static func dimensions(ofSpace space: hid_t) -> [Int] {
        let rank = Int(H5Sget_simple_extent_ndims(space))
        guard rank > 0 else { return [] }
        var dims = [hsize_t](repeating: 0, count: rank)
        H5Sget_simple_extent_dims(space, &dims, nil)
        return dims.map { Int(clamping: $0) }   // a crafted 2^64 - 1 is refused by the size checks
    }
}
