import MixFlowOps

/// What the model values that draw themselves (`plot mix.base`, `plot gen.trajectories`) share:
/// an optional point set after the value, giving the conditions to draw and grey data behind,
/// and the options of small multiples.
enum ModelPlotSupport {
    /// The point set plotted after the drawing value (`plot mix.base parts.test`), if any.
    /// More values, or a second value that is not a point set, are errors.
    static func overlay(_ request: PlotRequest, drawing what: String) throws -> Dataset? {
        guard request.items.count > 1 else { return nil }
        let second = request.items[1]
        guard request.items.count == 2, case .object(let object) = second.value, let points = object as? any PointSetValue else {
            let odd = request.items.count > 2 ? request.items[2] : second
            throw RuntimeError("plot draws \(what) over one dataset or samples, not \(odd.value.typeNameWithArticle)",
                               at: odd.span, hint: "e.g. plot mix.base parts.train")
        }
        return points.pointSet
    }

    /// The points of the condition called `name` in `data` (thinned evenly to `limit`), or nil
    /// when `data` has no points for it.
    static func points(of name: String, in data: Dataset?, limit: Int) -> Matrix<Float>? {
        guard let data, let index = data.conditionIndex(named: name), !data.pointIndices[index].isEmpty else { return nil }
        return data.points.rows(PlotScatter.thinned(data.pointIndices[index], to: limit))
    }

    /// Throws unless there are between 1 and `PlotScatter.panelLimit` conditions to draw.
    static func checkPanelCount(_ count: Int, drawing what: String) throws {
        guard count >= 1 else { throw RuntimeError("there are no conditions to draw \(what) for") }
        guard count <= PlotScatter.panelLimit else {
            throw RuntimeError("plotting \(what) would draw \(count) panels, more than \(PlotScatter.panelLimit)",
                               hint: "plot it over a selection of conditions, e.g. plot mix.base parts.test[angle=90]")
        }
    }

    /// Request options for condition panels: equal axes unless `equal=` was given, 4 panels a
    /// row in notebooks when there are many, axis labels from the feature names.
    static func panelOptions(_ request: PlotRequest, panels: Int, featureNames: [String]) -> PlotOptions {
        var options = request.options
        if !request.isGiven("equal") { options.equalAspect = true }
        if request.embedded && options.columns == nil && panels > PlotScatter.notebookPanelsPerRowLimit { options.columns = 4 }
        if options.xLabel == nil, featureNames.count >= 2 { options.xLabel = featureNames[0] }
        if options.yLabel == nil, featureNames.count >= 2 { options.yLabel = featureNames[1] }
        return options
    }

    /// Plots draw the first two coordinates; 1-D points cannot be drawn this way.
    static func checkDrawable(dimension: Int, drawing what: String) throws {
        guard dimension >= 2 else {
            throw RuntimeError("cannot plot \(what) of \(dimension)-D points; plots draw the first two coordinates")
        }
    }
}
