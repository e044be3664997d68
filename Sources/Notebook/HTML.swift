import MixFlowOps
/// Escaping for HTML that is also well-formed XML (XHTML-compatible): `&`, `<`, `>`, `"` and `'`
/// become entities; characters XML forbids become U+FFFD.
enum HTML {
    static func escape(_ text: String) -> String { SVGDocument.escape(text) }

    /// An element with escaped text content: `<tag class="c">text</tag>`.
    static func element(_ tag: String, _ text: String, class className: String? = nil) -> String {
        let classAttribute = className.map { " class=\"\(escape($0))\"" } ?? ""
        return "<\(tag)\(classAttribute)>\(escape(text))</\(tag)>"
    }
}
