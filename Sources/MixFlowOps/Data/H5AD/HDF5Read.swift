import CHDF5

/// A member of an HDF5 compound type (a column of an old-layout AnnData dataframe).
struct HDF5CompoundMember {
    var name: String
    var typeClass: H5T_class_t
    /// Elements per row: 1, or the length of a one-dimensional array member (obsm matrices).
    var width: Int
}

/// Reading whole datasets, attributes and compound members, with libhdf5 converting numbers to
/// the requested native type (integers to Float, any integer width to Int64).
extension HDF5File {
    /// A numeric dataset as Float, with its shape.
    func readFloats(_ object: String) throws(DataError) -> (shape: [Int], values: [Float]) {
        try withDataset(object) { (dataset, type) throws(DataError) in
            try requireNumeric(type, object: object)
            let shape = HDF5File.shape(ofDataset: dataset)
            var values = [Float](repeating: 0, count: try validatedCount(shape: shape, bytesPerElement: 4, object: object))
            guard values.withUnsafeMutableBytes({
                H5Dread(dataset, mf_h5t_native_float(), mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), $0.baseAddress)
            }) >= 0 else { throw error("cannot read: \(HDF5File.takeLibraryMessage())", object: object) }
            return (shape, values)
        }
    }

    /// An integer (or numeric) dataset as Int64 values, flattened.
    func readIntegers(_ object: String) throws(DataError) -> [Int64] {
        try withDataset(object) { (dataset, type) throws(DataError) in
            try requireNumeric(type, object: object)
            var values = [Int64](repeating: 0, count: try validatedCount(ofDataset: dataset, bytesPerElement: 8, object: object))
            guard values.withUnsafeMutableBytes({
                H5Dread(dataset, mf_h5t_native_llong(), mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), $0.baseAddress)
            }) >= 0 else { throw error("cannot read: \(HDF5File.takeLibraryMessage())", object: object) }
            return values
        }
    }

    /// A string dataset (variable or fixed length), flattened.
    func readStrings(_ object: String) throws(DataError) -> [String] {
        try withDataset(object) { (dataset, type) throws(DataError) in
            guard H5Tget_class(type) == H5T_STRING else {
                throw error("holds \(HDF5File.className(H5Tget_class(type))), expected strings", object: object)
            }
            let count = try validatedCount(ofDataset: dataset, bytesPerElement: 16, object: object)
            guard let strings = HDF5File.decodeStrings(stringType: type, count: count, read: { memoryType, buffer in
                H5Dread(dataset, memoryType, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), buffer)
            }) else { throw error("cannot read strings: \(HDF5File.takeLibraryMessage())", object: object) }
            return strings
        }
    }

    /// The members of compound dataset `object`, or nil when it is not compound.
    func compoundMembers(_ object: String) throws(DataError) -> [HDF5CompoundMember]? {
        try withDataset(object) { _, type in
            guard H5Tget_class(type) == H5T_COMPOUND else { return nil }
            return (0..<UInt32(max(0, H5Tget_nmembers(type)))).map { index in
                let namePointer = H5Tget_member_name(type, index)
                let name = namePointer.map { String(cString: $0) } ?? ""
                H5free_memory(namePointer)
                let memberType = H5Tget_member_type(type, index)
                defer { H5Tclose(memberType) }
                var width = 1
                if H5Tget_class(memberType) == H5T_ARRAY {
                    var dims = [hsize_t](repeating: 0, count: Int(max(1, H5Tget_array_ndims(memberType))))
                    H5Tget_array_dims2(memberType, &dims)
                    width = dims.reduce(1) { $0 * Int($1) }
                }
                return HDF5CompoundMember(name: name, typeClass: H5Tget_member_class(type, index), width: width)
            }
        }
    }

    /// Numeric (or array-of-numbers) member `member` of compound dataset `object`: rows x width.
    func readCompoundFloats(_ object: String, member: HDF5CompoundMember) throws(DataError) -> [Float] {
        let elementType = member.width > 1
            ? { var dims = [hsize_t(member.width)]; return H5Tarray_create2(mf_h5t_native_float(), 1, &dims) }()
            : H5Tcopy(mf_h5t_native_float())
        defer { H5Tclose(elementType) }
        return try readCompoundMember(object, member: member.name, elementType: elementType, width: member.width,
                                      zero: Float(0))
    }

    /// Integer member `member` of compound dataset `object` (categorical codes).
    func readCompoundIntegers(_ object: String, member: String) throws(DataError) -> [Int64] {
        let elementType = H5Tcopy(mf_h5t_native_llong())
        defer { H5Tclose(elementType) }
        return try readCompoundMember(object, member: member, elementType: elementType, width: 1, zero: Int64(0))
    }

    /// String member `member` of compound dataset `object` (the index column).
    func readCompoundStrings(_ object: String, member: String) throws(DataError) -> [String] {
        try withDataset(object) { (dataset, type) throws(DataError) in
            let index = H5Tget_member_index(type, member)
            let stringType = H5Tget_member_type(type, UInt32(max(0, index)))
            defer { H5Tclose(stringType) }
            let count = try validatedCount(ofDataset: dataset, bytesPerElement: 16, object: object)
            guard index >= 0, let strings = HDF5File.decodeStrings(stringType: stringType, count: count, read: { memoryType, buffer in
                let wrapper = H5Tcreate(H5T_COMPOUND, H5Tget_size(memoryType))
                defer { H5Tclose(wrapper) }
                H5Tinsert(wrapper, member, 0, memoryType)
                return H5Dread(dataset, wrapper, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), buffer)
            }) else { throw error("cannot read column '\(member)': \(HDF5File.takeLibraryMessage())", object: object) }
            return strings
        }
    }

    private func readCompoundMember<T: Numeric>(_ object: String, member: String, elementType: hid_t, width: Int,
                                                zero: T) throws(DataError) -> [T] {
        try withDataset(object) { (dataset, _) throws(DataError) in
            let rows = try validatedCount(shape: HDF5File.shape(ofDataset: dataset) + [width], bytesPerElement: MemoryLayout<T>.size,
                                          object: object) / max(width, 1)
            let wrapper = H5Tcreate(H5T_COMPOUND, H5Tget_size(elementType))
            defer { H5Tclose(wrapper) }
            H5Tinsert(wrapper, member, 0, elementType)
            var values = [T](repeating: zero, count: rows * width)
            guard values.withUnsafeMutableBytes({
                H5Dread(dataset, wrapper, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), $0.baseAddress)
            }) >= 0 else { throw error("cannot read column '\(member)': \(HDF5File.takeLibraryMessage())", object: object) }
            return values
        }
    }

    private func requireNumeric(_ type: hid_t, object: String) throws(DataError) {
        let typeClass = H5Tget_class(type)
        guard typeClass == H5T_INTEGER || typeClass == H5T_FLOAT else {
            throw error("holds \(HDF5File.className(typeClass)), expected numbers", object: object)
        }
    }

    static func className(_ typeClass: H5T_class_t) -> String {
        switch typeClass {
        case H5T_INTEGER: return "integers"
        case H5T_FLOAT: return "floating-point numbers"
        case H5T_STRING: return "strings"
        case H5T_COMPOUND: return "a compound type (table)"
        case H5T_ENUM: return "an enumeration"
        case H5T_ARRAY: return "arrays"
        case H5T_REFERENCE: return "object references"
        default: return "an unsupported HDF5 type"
        }
    }
}
