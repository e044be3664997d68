import MarkupSupport
import XCTest
@testable import MixFlowOps

/// Reads back what a rendered SVG shows, for structural tests.
struct SVGInspection {
    struct TextBox {
        var text: String
        var rect: Rect
        var rotated: Bool
    }

    let check: MarkupCheck

    init(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        check = MarkupCheck(svg)
        XCTAssertTrue(check.isWellFormed, check.error ?? "", file: file, line: line)
    }

    var texts: [String] { check.svgTexts }

    /// Bounding boxes of all `<text>` elements in figure pixels, from the same width table the
    /// layout uses (baseline at y, ascent 0.8 em, descent 0.25 em).
    var textBoxes: [TextBox] {
        check.elements(named: "text").map { element in
            let a = element.attributes
            let size = Double(a["font-size"] ?? "11") ?? 11
            let width = TextMetrics.width(element.text, fontSize: size, bold: a["font-weight"] == "bold")
            let x = (Double(a["x"] ?? "0") ?? 0) + element.offset.x
            let y = (Double(a["y"] ?? "0") ?? 0) + element.offset.y
            let left: Double
            switch a["text-anchor"] ?? "start" {
            case "middle": left = x - width / 2
            case "end": left = x - width
            default: left = x
            }
            return TextBox(text: element.text, rect: Rect(x: left, y: y - 0.8 * size, width: width, height: 1.05 * size),
                           rotated: a["transform"] != nil)
        }
    }

    /// Pairs of unrotated texts whose boxes overlap.
    var overlappingTexts: [(String, String)] {
        let boxes = textBoxes.filter { !$0.rotated && !$0.text.isEmpty }
        var pairs: [(String, String)] = []
        for i in boxes.indices {
            for j in boxes.indices where j > i && boxes[i].rect.insetBy(0.5).intersects(boxes[j].rect.insetBy(0.5)) {
                pairs.append((boxes[i].text, boxes[j].text))
            }
        }
        return pairs
    }

    /// Texts reaching outside the figure.
    func textsOutside(width: Double, height: Double) -> [String] {
        textBoxes.filter { !$0.rotated }.filter { $0.rect.x < -0.5 || $0.rect.maxX > width + 0.5 || $0.rect.y < -0.5 || $0.rect.maxY > height + 0.5 }
            .map(\.text)
    }

    /// The root element's width and height.
    var size: (width: Double, height: Double) {
        let root = check.elements.first!
        return (Double(root.attributes["width"]!)!, Double(root.attributes["height"]!)!)
    }

    func count(_ name: String, where predicate: (MarkupCheck.Element) -> Bool = { _ in true }) -> Int {
        check.elements(named: name).filter(predicate).count
    }
}
