import CHDF5
import Foundation

/// An AnnData object to write: the cells x features matrix with its obs and var tables and
/// unstructured metadata. What `save x "out.h5ad"` builds from point sets.
public struct AnnDataOutput: Sendable {
    /// One categorical obs column: per cell a code into `categories` (-1: missing).
    public struct Categorical: Sendable, Equatable {
        public enum Categories: Sendable, Equatable {
            case strings([String])
            /// Written as int64 when every value is a whole number, float64 otherwise.
            case numbers([Double])
        }
        public var name: String
        public var codes: [Int64]
        public var categories: Categories

        public init(name: String, codes: [Int64], categories: Categories) {
            self.name = name
            self.codes = codes
            self.categories = categories
        }
    }

    /// A value of `uns`.
    public enum UnsValue: Sendable, Equatable {
        case string(String)
        case number(Double)
    }

    /// cells x features, row-major.
    public var x: Matrix<Float>
    public var obsNames: [String]
    public var obs: [Categorical]
    public var varNames: [String]
    /// Keys of `uns` in order, each a string or a number.
    public var uns: [(key: String, value: UnsValue)]

    public init(x: Matrix<Float>, obsNames: [String], obs: [Categorical], varNames: [String],
                uns: [(key: String, value: UnsValue)]) {
        self.x = x
        self.obsNames = obsNames
        self.obs = obs
        self.varNames = varNames
        self.uns = uns
    }
}

/// Writes AnnData's on-disk HDF5 format, the current encoding (anndata >= 0.8): every element
/// carries `encoding-type` and `encoding-version` attributes.
///
/// Layout: root `anndata` 0.1.0; `X` a dense float32 `array` 0.2.0; `obs` and `var` `dataframe`
/// 0.2.0 groups with an `_index` `string-array` and one `categorical` 0.2.0 group per column
/// (`codes`, `categories`, attribute `ordered` = false); `uns` a `dict` 0.1.0 of `string` and
/// `numeric-scalar` 0.2.0 scalars; empty `obsm`, `varm`, `obsp`, `varp`, `layers` dicts.
public enum AnnDataWriter {
    /// Writes `output` to `path` atomically (temporary file in the same folder, then a rename).
    public static func write(_ output: AnnDataOutput, to path: String) throws(DataError) {
        try check(output, path: path)
        do throws(AtomicProduceError<DataError>) {
            try AtomicFile.write(to: path) { (temporary: String) throws(DataError) in
                try HDF5File.withLibrary(path: path) { () throws(DataError) in
                    let writer = try HDF5Writer(creating: temporary)
                    do throws(DataError) {
                        try fill(writer, output)
                        try writer.close()
                    } catch {
                        try? writer.close()
                        throw error.renamingPath(temporary, to: path)
                    }
                }
            }
        } catch {
            switch error {
            case .file(let failure): throw DataError(failure.description, hint: hint(failure))
            case .producer(let failure): throw failure
            }
        }
    }

    private static func hint(_ failure: FileWriteError) -> String? {
        switch failure {
        case .missingDirectory: return "create the directory first, or write somewhere else"
        case .permissionDenied: return "choose a directory you can write to"
        case .failed, .notARegularFile, .protectedFile: return nil   // their messages say how to go on
        }
    }

    private static func check(_ output: AnnDataOutput, path: String) throws(DataError) {
        let (cells, features) = (output.x.rows, output.x.cols)
        guard output.obsNames.count == cells, output.varNames.count == features,
              output.obs.allSatisfy({ $0.codes.count == cells }) else {
            throw DataError("cannot write '\(path)': obs or var names do not match the \(cells)x\(features) matrix")
        }
    }

    private static func fill(_ writer: HDF5Writer, _ output: AnnDataOutput) throws(DataError) {
        try writer.encoding("", "anndata", "0.1.0")
        try writer.floats("X", output.x.storage, shape: [output.x.rows, output.x.cols])
        try writer.encoding("X", "array", "0.2.0")
        try dataframe(writer, "obs", index: output.obsNames, columns: output.obs)
        try dataframe(writer, "var", index: output.varNames, columns: [])
        try writer.group("uns")
        try writer.encoding("uns", "dict", "0.1.0")
        for (key, value) in output.uns {
            switch value {
            case .string(let text):
                try writer.strings("uns/" + key, [text], scalar: true)
                try writer.encoding("uns/" + key, "string", "0.2.0")
            case .number(let number):
                try writer.scalar("uns/" + key, number)
                try writer.encoding("uns/" + key, "numeric-scalar", "0.2.0")
            }
        }
        for empty in ["obsm", "varm", "obsp", "varp", "layers"] {
            try writer.group(empty)
            try writer.encoding(empty, "dict", "0.1.0")
        }
    }

    private static func dataframe(_ writer: HDF5Writer, _ name: String, index: [String],
                                  columns: [AnnDataOutput.Categorical]) throws(DataError) {
        try writer.group(name)
        try writer.encoding(name, "dataframe", "0.2.0")
        try writer.attribute(name, "_index", "_index")
        try writer.stringsAttribute(name, "column-order", columns.map(\.name))
        try writer.strings(name + "/_index", index)
        try writer.encoding(name + "/_index", "string-array", "0.2.0")
        for column in columns {
            let path = name + "/" + column.name
            try writer.group(path)
            try writer.encoding(path, "categorical", "0.2.0")
            try writer.attribute(path, "ordered", false)
            try writer.integers(path + "/codes", column.codes)
            try writer.encoding(path + "/codes", "array", "0.2.0")
            switch column.categories {
            case .strings(let values):
                try writer.strings(path + "/categories", values)
                try writer.encoding(path + "/categories", "string-array", "0.2.0")
            case .numbers(let values) where values.allSatisfy({ $0 == $0.rounded() && abs($0) < 9e18 }):
                try writer.dataset(path + "/categories", values.map { Int64($0) }, shape: [values.count],
                                   fileType: mf_h5t_native_int64(), memoryType: mf_h5t_native_int64())
                try writer.encoding(path + "/categories", "array", "0.2.0")
            case .numbers(let values):
                try writer.doubles(path + "/categories", values)
                try writer.encoding(path + "/categories", "array", "0.2.0")
            }
        }
    }
}

private extension DataError {
    /// The same error, naming the destination rather than the temporary file.
    func renamingPath(_ temporary: String, to path: String) -> DataError {
        var copy = self
        if copy.path == temporary { copy.path = path }
        copy.message = copy.message.replacingOccurrences(of: temporary, with: path)
        return copy
    }
}
