/// A checkpoint's checksum only proves the bytes are the ones written; a crafted file can carry
/// a valid checksum around NaN step counters, negative dimensions or absurd widths. Everything
/// read from one is checked here before it sizes an allocation or becomes an Int.
extension ModelHeader {
    /// Refuses a layout that does not describe real data, or networks over the memory budget.
    func validate(path: String) throws(FlowError) {
        func bad(_ reason: String) -> FlowError { .badCheckpoint(path: path, reason: reason) }
        guard let layout else { return }
        guard layout.dimension >= 1 else { throw bad("its data dimension is \(layout.dimension), expected 1 or more") }
        guard layout.descriptorWidth >= 1 else {
            throw bad("its descriptor width is \(layout.descriptorWidth), expected 1 or more")
        }
        guard layout.featureNames.count == layout.dimension else {
            throw bad("it names \(layout.featureNames.count) features for dimension \(layout.dimension)")
        }
        for condition in layout.trainingConditions {
            guard condition.strings.count == condition.fields.count, condition.numbers.count == condition.fields.count else {
                throw bad("condition '\(condition.name)' has \(condition.fields.count) fields but"
                          + " \(condition.strings.count) texts and \(condition.numbers.count) numbers")
            }
            guard condition.descriptor.count == layout.descriptorWidth else {
                throw bad("condition '\(condition.name)' has a descriptor of \(condition.descriptor.count) numbers,"
                          + " expected \(layout.descriptorWidth)")
            }
            guard condition.descriptor.allSatisfy(\.isFinite), condition.numbers.allSatisfy({ $0?.isFinite ?? true }) else {
                throw bad("condition '\(condition.name)' holds a NaN or infinite number")
            }
        }
        if let units = layout.standardization {
            guard units.shift.count == layout.dimension, units.shift.allSatisfy(\.isFinite) else {
                throw bad("its standardization shifts \(units.shift.count) coordinates (finite numbers expected) for dimension \(layout.dimension)")
            }
            guard units.scale.isNormal, units.scale > 0 else {
                throw bad("its standardization scale is \(units.scale), expected a positive number")
            }
        }
        let parameters = options.estimatedNetworkSizes(dimension: layout.dimension, descriptorWidth: layout.descriptorWidth).parameters
        // Weights, two Adam moments and the rollback copy, in Float.
        if let excess = MemoryBudget.excess("its networks (\(parameters) parameters)", counts: [parameters], bytesPerItem: 16) {
            throw bad(excess.description)
        }
    }
}

/// An exact small non-negative integer from a stored Double (a step count or a code), or nil for
/// NaN, infinities, fractions, negatives and values past 2^53.
func storedCount(_ value: Double) -> Int? {
    guard value.isFinite, value >= 0, value <= 0x1p53, value.rounded() == value else { return nil }
    return Int(value)
}
