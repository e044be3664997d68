/// The mfsh release, recorded in files mfsh writes (the `uns` of a saved .h5ad) and shown by
/// `mfsh --version`.
public let mfshVersion = "0.1.0"
