import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup as XML and collects what the structural tests look at: every element name with
/// its attributes, and the text inside each element. Shared by the plot tests (MixFlowOpsTests)
/// and the notebook tests (NotebookTests).
public final class MarkupCheck: NSObject, XMLParserDelegate {
    public struct Element {
        public var name: String
        public var attributes: [String: String]
        public var text: String
        /// Sum of the x and y of the nested `<svg>` elements around this one (SVG viewports).
        public var offset: SIMD2<Double>
        /// Index of the parent element, -1 for the root.
        public var parent: Int
    }

    public private(set) var elements: [Element] = []
    private var open: [Int] = []
    public private(set) var error: String?

    /// Parses `markup`; `error` is set when it is not well-formed XML.
    public init(_ markup: String) {
        super.init()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = self
        let ok = parser.parse()
        if !ok || parser.parserError != nil {
            error = "not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "unknown")"
        } else if !open.isEmpty {
            error = "unclosed elements at end of input"
        }
    }

    public var isWellFormed: Bool { error == nil }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let parent = open.last ?? -1
        var offset = parent >= 0 ? elements[parent].offset : SIMD2<Double>(0, 0)
        if parent >= 0, elements[parent].name == "svg", elements[parent].parent >= 0 {
            offset += SIMD2(Double(elements[parent].attributes["x"] ?? "0") ?? 0, Double(elements[parent].attributes["y"] ?? "0") ?? 0)
        }
        elements.append(Element(name: name, attributes: attributes, text: "", offset: offset, parent: parent))
        open.append(elements.count - 1)
    }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }

    public func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Texts of `<text>` elements (SVG) in document order.
    public var svgTexts: [String] { elements(named: "text").map(\.text) }
}
