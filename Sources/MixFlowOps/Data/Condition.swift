/// One metadata value of a condition: a string (`letter: "A"`, a cell type) or a number
/// (`angle: 90`).
public enum MetadataValue: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case number(Double)

    /// The value as written in names and messages: strings as they are, whole numbers without a
    /// decimal point (`90`, not `90.0`), other numbers in Swift's shortest round-trip form.
    public var description: String {
        switch self {
        case let .string(text): return text
        case let .number(value): return formatNumber(value)
        }
    }

    /// Whether a requested value picks this one. Lenient across kinds, because condition values
    /// come from files: the string "90" matches the number 90 and the number 3 matches the
    /// category "3". Numbers compare with a relative tolerance of 1e-9 so `angle=0.1*3` works.
    public func matches(_ requested: MetadataValue) -> Bool {
        switch (self, requested) {
        case let (.string(a), .string(b)): return a == b
        case let (.number(a), .number(b)): return numbersAgree(a, b)
        case let (.number(a), .string(b)): return Double(b).map { numbersAgree(a, $0) } ?? false
        case let (.string(a), .number(b)): return a == formatNumber(b) || Double(a).map { numbersAgree($0, b) } == true
        }
    }

    /// The number, if this is one.
    public var number: Double? {
        if case let .number(value) = self { return value }
        return nil
    }
}

/// The kind of a metadata field, the same for every condition of a dataset.
public enum MetadataKind: String, Sendable, Equatable {
    case string, number
}

/// A named metadata field of a dataset's conditions, e.g. `letter` (string) or `angle` (number).
public struct MetadataField: Equatable, Sendable {
    public var name: String
    public var kind: MetadataKind
    public init(name: String, kind: MetadataKind) {
        self.name = name
        self.kind = kind
    }
}

/// One named field value of a condition.
public struct MetadataEntry: Equatable, Sendable {
    public var field: String
    public var value: MetadataValue
    public init(_ field: String, _ value: MetadataValue) {
        self.field = field
        self.value = value
    }
}

/// A condition `c`: a named target population with its metadata and its descriptor `y(c)`.
///
/// The name is unique within a dataset; by convention it is the metadata values joined by `@`
/// (`A@90` for letter A at 90 degrees, `CD19+ B` for a single cell-type column). The descriptor is
/// what models are conditioned on; every condition of a dataset has one of the same length.
public struct Condition: Equatable, Sendable {
    public var name: String
    /// Field values in the dataset's field order.
    public var metadata: [MetadataEntry]
    public var descriptor: [Float]

    public init(name: String, metadata: [MetadataEntry], descriptor: [Float]) {
        self.name = name
        self.metadata = metadata
        self.descriptor = descriptor
    }

    /// A condition named after its metadata values joined by `@`.
    public init(metadata: [MetadataEntry], descriptor: [Float]) {
        self.init(name: conditionName(metadata.map(\.value)), metadata: metadata, descriptor: descriptor)
    }

    /// The value of `field`, or nil when the condition has no such field.
    public subscript(field: String) -> MetadataValue? {
        metadata.first { $0.field == field }?.value
    }
}

/// The conventional condition name for a tuple of metadata values: the values joined by `@`; the
/// single value itself when there is one, and `all` when there are none.
public func conditionName(_ values: [MetadataValue]) -> String {
    values.isEmpty ? "all" : values.map(\.description).joined(separator: "@")
}

/// Whole numbers below 1e15 without a decimal point; others in shortest round-trip form.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 {
        return value == 0 ? "0" : String(Int64(value))
    }
    return "\(value)"
}

private func numbersAgree(_ a: Double, _ b: Double) -> Bool {
    a == b || abs(a - b) <= 1e-9 * max(1, max(abs(a), abs(b)))
}
