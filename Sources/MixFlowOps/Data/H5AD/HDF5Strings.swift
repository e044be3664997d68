import CHDF5

/// Strings and attributes: AnnData stores its encoding metadata as string attributes and its
/// names as string datasets, in variable-length (current) or fixed-length (older) form.
extension HDF5File {
    /// Decodes `count` strings of HDF5 string type `stringType`, read by `read(memoryType, buffer)`.
    /// Variable-length strings arrive as C pointers that libhdf5 allocated (freed here); fixed-length
    /// ones as `size`-byte slots, cut at the first NUL and, when space-padded, trailing spaces.
    static func decodeStrings(stringType: hid_t, count: Int,
                              read: (_ memoryType: hid_t, _ buffer: UnsafeMutableRawPointer) -> herr_t) -> [String]? {
        let memoryType = H5Tcopy(mf_h5t_c_s1())
        defer { H5Tclose(memoryType) }
        H5Tset_cset(memoryType, H5Tget_cset(stringType))
        if H5Tis_variable_str(stringType) > 0 {
            H5Tset_size(memoryType, mf_h5t_variable())
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            let status = pointers.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
            defer { for pointer in pointers { H5free_memory(pointer) } }
            guard status >= 0 else { return nil }
            return pointers.map { $0.map { String(cString: $0) } ?? "" }
        }
        let size = H5Tget_size(stringType)
        H5Tset_size(memoryType, size)
        H5Tset_strpad(memoryType, H5Tget_strpad(stringType))
        guard let total = MemoryBudget.checkedProduct([count, size]), total <= MemoryBudget.bytes else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(1, total))
        guard bytes.withUnsafeMutableBytes({ read(memoryType, $0.baseAddress!) }) >= 0 else { return nil }
        let spacePadded = H5Tget_strpad(stringType) == H5T_STR_SPACEPAD
        return (0..<count).map { index in
            var slot = bytes[(index * size)..<((index + 1) * size)].prefix { $0 != 0 }
            if spacePadded { while slot.last == 0x20 { slot.removeLast() } }
            return String(decoding: slot, as: UTF8.self)
        }
    }

    /// String attribute `name` of `object` (scalar or the first of an array), or nil when absent
    /// or not a string.
    func stringAttribute(_ object: String, _ name: String) -> String? {
        stringsAttribute(object, name)?.first
    }

    /// String array attribute `name` of `object` (e.g. `column-order`), or nil.
    func stringsAttribute(_ object: String, _ name: String) -> [String]? {
        withAttribute(object, name) { attribute, type, count in
            guard H5Tget_class(type) == H5T_STRING else { return nil }
            return HDF5File.decodeStrings(stringType: type, count: count) { memoryType, buffer in
                H5Aread(attribute, memoryType, buffer)
            }
        }
    }

    /// Integer array attribute `name` of `object` (e.g. `shape`), or nil.
    func integersAttribute(_ object: String, _ name: String) -> [Int]? {
        withAttribute(object, name) { attribute, type, count in
            guard H5Tget_class(type) == H5T_INTEGER else { return nil }
            var values = [Int64](repeating: 0, count: count)
            guard values.withUnsafeMutableBytes({ H5Aread(attribute, mf_h5t_native_llong(), $0.baseAddress) }) >= 0 else {
                return nil
            }
            return values.map { Int($0) }
        }
    }

    /// Opens attribute `name` of `object` and passes it with its type and element count.
    private func withAttribute<T>(_ object: String, _ name: String,
                                  _ body: (_ attribute: hid_t, _ type: hid_t, _ count: Int) -> T?) -> T? {
        let target = object.isEmpty ? "/" : object
        guard H5Aexists_by_name(id, target, name, mf_h5p_default()) > 0 else {
            _ = HDF5File.takeLibraryMessage()
            return nil
        }
        let attribute = H5Aopen_by_name(id, target, name, mf_h5p_default(), mf_h5p_default())
        guard attribute >= 0 else {
            _ = HDF5File.takeLibraryMessage()
            return nil
        }
        defer { H5Aclose(attribute) }
        let type = H5Aget_type(attribute)
        defer { H5Tclose(type) }
        let space = H5Aget_space(attribute)
        defer { H5Sclose(space) }
        guard let count = MemoryBudget.checkedProduct(HDF5File.dimensions(ofSpace: space)),
              count <= HDF5File.maxAttributeElements else { return nil }
        let result = body(attribute, type, count)
        if result == nil { _ = HDF5File.takeLibraryMessage() }
        return result
    }
}
