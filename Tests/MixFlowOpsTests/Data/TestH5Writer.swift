import CHDF5
import Foundation

/// Writes small HDF5 files for loader tests (current AnnData encoding pieces), straight through
/// libhdf5. Test-only: the library itself never writes HDF5.
final class TestH5Writer {
    let file: hid_t

    init(path: String) {
        mf_h5e_silence()
        file = H5Fcreate(path, mf_h5f_acc_trunc(), mf_h5p_default(), mf_h5p_default())
        precondition(file >= 0, "cannot create \(path)")
    }

    func close() { H5Fclose(file) }

    func group(_ path: String, encoding: String? = nil) {
        let group = H5Gcreate2(file, path, mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        precondition(group >= 0, "cannot create group \(path)")
        H5Gclose(group)
        if let encoding { stringAttribute(path, "encoding-type", encoding) }
    }

    func floats(_ path: String, _ values: [Float], shape: [Int]) {
        write(path, shape: shape, type: mf_h5t_native_float(), values)
    }

    func integers(_ path: String, _ values: [Int32]) {
        write(path, shape: [values.count], type: mf_h5t_native_int32(), values)
    }

    /// A dataset of variable-length UTF-8 strings.
    func strings(_ path: String, _ values: [String]) {
        let type = variableStringType()
        defer { H5Tclose(type) }
        var dims = [hsize_t(values.count)]
        let space = H5Screate_simple(1, &dims, nil)
        defer { H5Sclose(space) }
        let dataset = H5Dcreate2(file, path, type, space, mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        precondition(dataset >= 0, "cannot create \(path)")
        defer { H5Dclose(dataset) }
        withCStrings(values) { pointers in
            _ = H5Dwrite(dataset, type, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), pointers)
        }
    }

    func stringAttribute(_ object: String, _ name: String, _ value: String) {
        let type = variableStringType()
        defer { H5Tclose(type) }
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let attribute = H5Acreate_by_name(file, object, name, type, space, mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        precondition(attribute >= 0, "cannot create attribute \(name) on \(object)")
        defer { H5Aclose(attribute) }
        withCStrings([value]) { pointers in _ = H5Awrite(attribute, type, pointers) }
    }

    func integersAttribute(_ object: String, _ name: String, _ values: [Int64]) {
        var dims = [hsize_t(values.count)]
        let space = H5Screate_simple(1, &dims, nil)
        defer { H5Sclose(space) }
        let attribute = H5Acreate_by_name(file, object, name, mf_h5t_native_int64(), space,
                                          mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        defer { H5Aclose(attribute) }
        _ = values.withUnsafeBytes { H5Awrite(attribute, mf_h5t_native_int64(), $0.baseAddress) }
    }

    private func write<T>(_ path: String, shape: [Int], type: hid_t, _ values: [T]) {
        var dims = shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(dims.count), &dims, nil)
        defer { H5Sclose(space) }
        let dataset = H5Dcreate2(file, path, type, space, mf_h5p_default(), mf_h5p_default(), mf_h5p_default())
        precondition(dataset >= 0, "cannot create \(path)")
        defer { H5Dclose(dataset) }
        _ = values.withUnsafeBytes { H5Dwrite(dataset, type, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), $0.baseAddress) }
    }

    private func variableStringType() -> hid_t {
        let type = H5Tcopy(mf_h5t_c_s1())
        H5Tset_size(type, mf_h5t_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        return type
    }

    private func withCStrings(_ values: [String], _ body: (UnsafeRawPointer) -> Void) {
        let pointers = values.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        pointers.withUnsafeBytes { body($0.baseAddress!) }
    }
}
