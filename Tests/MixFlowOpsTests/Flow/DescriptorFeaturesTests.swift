import XCTest
@testable import MixFlowOps

/// What a descriptor encoder reads (`DescriptorFeatures`), and the defaults built on it.
final class DescriptorFeaturesTests: XCTestCase {
    /// [y, y_i y_j for i <= j], row by row, in closed form.
    func testQuadraticFeaturesInClosedForm() {
        let y = Matrix<Float>(rows: 2, cols: 3, storage: [2, 3, -1, 0, 1, 0.5])
        let features = DescriptorFeatures.quadratic.input(y)
        XCTAssertEqual(features.rows, 2)
        XCTAssertEqual(features.cols, 9)
        XCTAssertEqual(Array(features[row: 0]), [2, 3, -1, 4, 6, -2, 9, -3, 1])
        XCTAssertEqual(Array(features[row: 1]), [0, 1, 0.5, 0, 0, 0, 1, 0.5, 0.25])
        XCTAssertEqual(DescriptorFeatures.raw.input(y), y)
        XCTAssertEqual(DescriptorFeatures.quadratic.inputWidth(descriptorWidth: 16), 16 + 16 * 17 / 2)
        XCTAssertEqual(DescriptorFeatures.raw.inputWidth(descriptorWidth: 16), 16)
        XCTAssertEqual(DescriptorFeatures.quadratic.inputWidth(descriptorWidth: Int.max / 2), Int.max, "an overflowing width saturates")
    }

    /// An encoder reading the quadratic features of the descriptors is exactly an encoder reading
    /// raw descriptors that were expanded beforehand: same weights, same samples, bit for bit.
    func testQuadraticEncoderIsARawEncoderOnExpandedDescriptors() throws {
        let data = FlowFixtures.letters(points: 60)
        let expanded = try Dataset(name: data.name, points: data.points, conditionOfPoint: data.conditionOfPoint,
                                   conditions: data.conditions.map { condition in
                                       let y = Matrix<Float>(rows: 1, cols: condition.descriptor.count, storage: condition.descriptor)
                                       return Condition(name: condition.name, metadata: condition.metadata,
                                                        descriptor: DescriptorFeatures.quadratic.input(y).storage)
                                   }, featureNames: data.featureNames)
        let sampling = SamplingOptions(count: 20, solver: .euler(steps: 5), seed: 3)
        func cfm(_ features: DescriptorFeatures) throws -> FlowModel {
            try FlowModel(options: .cfm(velocity: VelocityOptions(hidden: [16]),
                                        encoder: DescriptorEncoderOptions(hidden: [], embedding: 4, features: features), seed: 5),
                          name: "cfm")
        }
        let (reading, given) = (try cfm(.quadratic), try cfm(.raw))
        try reading.train(on: data, options: FlowFixtures.training(.steps(40)))
        try given.train(on: expanded, options: FlowFixtures.training(.steps(40)))
        XCTAssertEqual(FlowFixtures.weights(reading), FlowFixtures.weights(given))
        XCTAssertEqual(try reading.sample(data.conditions, options: sampling).points,
                       try given.sample(expanded.conditions, options: sampling).points)
        // And the features matter: the raw encoder on the raw descriptors trains otherwise.
        let raw = try cfm(.raw)
        try raw.train(on: data, options: FlowFixtures.training(.steps(40)))
        XCTAssertNotEqual(FlowFixtures.weights(raw).count, FlowFixtures.weights(reading).count)
    }

    /// What v reads starts the same in both models: CFM's encoder and MixFlow's own v encoder
    /// default to `.flow`; MixFlow's shared (base) encoder keeps the ReLU layer on the raw
    /// descriptor. The networks built follow the options, and the memory estimate counts the
    /// widened inputs.
    func testDefaultsOfTheEncodersAndTheNetworksBuilt() throws {
        XCTAssertEqual(FlowModelOptions.cfm().encoder, .flow)
        XCTAssertEqual(FlowModelOptions.mixflow().velocityEncoderOptions, .flow)
        XCTAssertEqual(FlowModelOptions.mixflow().encoder, DescriptorEncoderOptions())
        XCTAssertEqual(DescriptorEncoderOptions.flow.hidden, [])
        XCTAssertEqual(DescriptorEncoderOptions.flow.features, .quadratic)
        let data = FlowFixtures.letters(points: 40)
        let d = data.descriptorDimension, width = DescriptorFeatures.quadratic.inputWidth(descriptorWidth: d)
        for options in [FlowModelOptions.cfm(velocity: VelocityOptions(hidden: [8])),
                        FlowModelOptions.mixflow(base: GMMBaseOptions(components: 2, hidden: [8], pretrainSteps: 5),
                                                 velocity: VelocityOptions(hidden: [8]))] {
            let model = try FlowModel(options: options, name: "m")
            try model.train(on: data, options: FlowFixtures.training(.steps(2)))
            let networks = try XCTUnwrap(model.networks)
            let reader = networks.velocityEncoder ?? networks.encoder
            XCTAssertEqual(reader.parameters.scalarCount(), (width + 1) * 16, "\(options.method.name): one linear layer from the features")
            if options.base != nil { XCTAssertEqual(networks.encoder.parameters.scalarCount(), (d + 1) * 128 + 129 * 16) }
            let estimate = options.estimatedNetworkSizes(dimension: 2, descriptorWidth: d).parameters
            XCTAssertGreaterThanOrEqual(estimate, networks.parameterCount, "\(options.method.name): the estimate bounds the networks")
        }
    }

    /// Models saved before these options existed read as they were built: raw descriptors, and
    /// MixFlow's v encoder the same as its shared one. The new options survive a round trip.
    func testOlderOptionsReadAsTheyWereBuilt() throws {
        var old = try JSONSerialization.jsonObject(with: JSONEncoder().encode(FlowModelOptions.mixflow())) as! [String: Any]
        old.removeValue(forKey: "velocityEncoder")
        var encoder = old["encoder"] as! [String: Any]
        encoder.removeValue(forKey: "features")
        old["encoder"] = encoder
        let read = try JSONDecoder().decode(FlowModelOptions.self, from: JSONSerialization.data(withJSONObject: old))
        XCTAssertNil(read.velocityEncoder)
        XCTAssertEqual(read.encoder.features, .raw)
        XCTAssertEqual(read.velocityEncoderOptions, read.encoder)
        for options in [FlowModelOptions.mixflow(), FlowModelOptions.cfm()] {
            XCTAssertEqual(try JSONDecoder().decode(FlowModelOptions.self, from: JSONEncoder().encode(options)), options)
        }
    }
}
