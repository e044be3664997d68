import CHDF5

/// The storage type of a numeric or boolean dataset, for reading each kind without loss:
/// integers exactly (as Int64), float64 as Double, float32 through its shortest decimal form,
/// numpy booleans (h5py's FALSE/TRUE enumeration) as Bool.
enum HDF5ValueKind: Equatable {
    case integer, float32, float64, boolean, strings
    case other(String)
}

extension HDF5File {
    /// What dataset `object` holds.
    func valueKind(of object: String) throws(DataError) -> HDF5ValueKind {
        try withDataset(object) { _, type in HDF5File.valueKind(ofType: type) }
    }

    static func valueKind(ofType type: hid_t) -> HDF5ValueKind {
        let typeClass = H5Tget_class(type)
        switch typeClass {
        case H5T_INTEGER: return .integer
        case H5T_FLOAT: return H5Tget_size(type) > 4 ? .float64 : .float32
        case H5T_STRING: return .strings
        case H5T_ENUM: return isBooleanEnum(type) ? .boolean : .other("an enumeration other than booleans")
        default: return .other(className(typeClass))
        }
    }

    /// Whether `type` is the enumeration h5py writes for numpy bool (FALSE = 0, TRUE = 1).
    private static func isBooleanEnum(_ type: hid_t) -> Bool {
        guard H5Tget_nmembers(type) == 2 else { return false }
        let names = (0..<UInt32(2)).map { index -> String in
            let pointer = H5Tget_member_name(type, index)
            defer { H5free_memory(pointer) }
            return pointer.map { String(cString: $0) } ?? ""
        }
        return Set(names) == ["FALSE", "TRUE"]
    }

    /// A numeric dataset as Double, flattened.
    func readDoubles(_ object: String) throws(DataError) -> [Double] {
        try readElements(object, memoryType: mf_h5t_native_double(), zero: Double(0))
    }

    /// A boolean (FALSE/TRUE enumeration) dataset, flattened.
    func readBooleans(_ object: String) throws(DataError) -> [Bool] {
        guard try valueKind(of: object) == .boolean else {
            throw error("holds \(try describeKind(object)), expected booleans (True/False)", object: object)
        }
        let memoryType = HDF5Writer.booleanType()
        defer { H5Tclose(memoryType) }
        return try readElements(object, memoryType: memoryType, zero: Int8(0)).map { $0 != 0 }
    }

    /// A numeric column as metadata numbers, each shown as written: integers exactly (all as
    /// decimal strings when one exceeds 2^53, beyond which Double would merge neighbours),
    /// float32 values through their shortest decimal form (0.1, not 0.10000000149011612).
    func readNumberValues(_ object: String) throws(DataError) -> [MetadataValue] {
        switch try valueKind(of: object) {
        case .integer:
            let integers = try readIntegers(object)
            if integers.contains(where: { $0.magnitude > 1 << 53 }) { return integers.map { .string(String($0)) } }
            return integers.map { .number(Double($0)) }
        case .float32:
            return try readFloats(object).values.map { .number(shownDouble($0)) }
        case .float64:
            return try readDoubles(object).map { .number($0) }
        case .boolean:
            return try readBooleans(object).map { .string($0 ? "True" : "False") }
        case .strings:
            return try readStrings(object).map { .string($0) }
        case .other(let kind):
            throw error("holds \(kind), which cannot be a condition", object: object,
                        hint: "condition columns may be categorical, string, numeric or boolean")
        }
    }

    func describeKind(_ object: String) throws(DataError) -> String {
        switch try valueKind(of: object) {
        case .integer: return "integers"
        case .float32, .float64: return "floating-point numbers"
        case .boolean: return "booleans"
        case .strings: return "strings"
        case .other(let kind): return kind
        }
    }

    private func readElements<T>(_ object: String, memoryType: hid_t, zero: T) throws(DataError) -> [T] {
        try withDataset(object) { (dataset, _) throws(DataError) in
            // The declared shape is checked against overflow, the memory budget and the file size
            // before anything is allocated (`HDF5SizeChecks`).
            let count = try validatedCount(ofDataset: dataset, bytesPerElement: max(MemoryLayout<T>.stride, 1), object: object)
            var values = [T](repeating: zero, count: count)
            guard values.withUnsafeMutableBytes({
                H5Dread(dataset, memoryType, mf_h5s_all(), mf_h5s_all(), mf_h5p_default(), $0.baseAddress)
            }) >= 0 else { throw error("cannot read: \(HDF5File.takeLibraryMessage())", object: object) }
            return values
        }
    }
}

/// The Double a float32 value was written as: its shortest decimal form read back (0.1 for the
/// float32 nearest 0.1), so conditions read from float32 columns show and match as written.
func shownDouble(_ value: Float) -> Double {
    value.isFinite ? Double(value.description) ?? Double(value) : Double(value)
}
