import Foundation
import Plotting

/// A figure written to disk in every format.
public struct FigureOutput: Codable, Equatable, Sendable {
    /// `fig6` … `fig12` (fig 8 and 12 may be split per task, e.g. `fig8-e_form`).
    public var id: String
    /// Figure title as drawn.
    public var title: String
    /// What the figure shows, for the report.
    public var caption: String
    /// PNG file name, relative to the figures directory (for the HTML report).
    public var png: String
    /// SVG file name, relative to the figures directory.
    public var svg: String
    /// PDF file name, relative to the figures directory.
    public var pdf: String
    /// CSV of the plotted data (columns `panel,kind,series,key,x,y,z`, see `FigureCSV`).
    public var csv: String
    /// gnuplot script that redraws the figure from the CSV (run it in the figures directory).
    public var gnuplot: String
    public init(id: String, title: String, caption: String, png: String, svg: String, pdf: String, csv: String, gnuplot: String) {
        self.id = id; self.title = title; self.caption = caption
        self.png = png; self.svg = svg; self.pdf = pdf; self.csv = csv; self.gnuplot = gnuplot
    }
}

/// Draws the paper's figures 6–12 from a results document.
///
/// | id | content | drawn when |
/// |---|---|---|
/// | fig6 | 2×2 line charts: local DIM loss, local KL, global DIM loss, global KL vs epoch, one line per DIM run, dashed red 2 ln 2 baseline on the DIM-loss panels | a learning curve has points |
/// | fig7 | tasks × label counts, boxes random / DIM / transfer init, paired trials joined, the paper's median as a red diamond | fig7 trials exist |
/// | fig8 | tasks × label counts, boxes linear·untrained, linear·DIM ┆ MLP·untrained, MLP·DIM ┆ MLP·OFM, MLP·XRD | fig8 trials exist |
/// | fig9 | t-SNE maps, tasks × (untrained, DIM), metal + halogen in vermillion on top | t-SNE maps exist |
/// | fig10 | the same maps coloured by the property label (viridis, colour bar with units) | t-SNE maps exist |
/// | fig11 | MLP on frozen untrained / DIM vectors (fig 8) ┆ Site-Net from random / DIM init (fig 7) | fig7 or fig8 trials of those arms |
/// | fig12 | fig 8's linear and MLP arms with DIM-without-synthetic-samples beside DIM and untrained | no-synthetic trials exist |
///
/// Each figure is written by ``FigureWriter`` as PNG, SVG, PDF, CSV and gnuplot. Failed trials
/// (nil or non-finite MAE) are not drawn; their count is in the caption.
public enum PaperFigures {
    /// Renders every figure the document has data for into `directory` and returns them in order.
    /// With `only`, just the figures of those catalogue ids (`fig8` also selects `fig8-e_form`).
    public static func render(_ document: ResultsDocument, to directory: URL, only: Set<String>? = nil) throws -> [FigureOutput] {
        try build(document).filter { only?.contains(String($0.figure.name.split(separator: "-").first ?? "")) ?? true }.map { figure, caption in
            let f = try FigureWriter.write(figure, to: directory)
            return FigureOutput(id: figure.name, title: figure.title, caption: caption,
                                png: f.png, svg: f.svg, pdf: f.pdf, csv: f.csv, gnuplot: f.gnuplot)
        }
    }

    /// The figures (not yet written) with their captions, in order; see ``render(_:to:)``.
    public static func build(_ document: ResultsDocument) throws -> [(figure: Figure, caption: String)] {
        var out: [(figure: Figure, caption: String)] = []
        func emit(_ figure: Figure, caption: String) throws { out.append((figure, caption)) }
        let boxWords = "Box: quartiles with the median (numpy linear quantiles); whiskers: minimum to maximum; "
            + "every successful trial is a dot (vertical offset is a deterministic jitter)."
        func logNote(_ c: BoxFigureBuilder.Counts) -> String {
            c.logPanels.isEmpty ? "" : " Panels whose MAE range exceeds 10 × their median use a logarithmic MAE axis so that the "
                + "narrow boxes stay readable: " + c.logPanels.joined(separator: "; ") + "."
        }
        func tally(_ c: BoxFigureBuilder.Counts) -> String {
            " \(c.drawn) trials drawn" + (c.failed > 0 ? "; \(c.failed) failed trials are not drawn." : "; no trial failed.")
        }

        if let fig = LearningCurveFigure.figure(document.learningCurves) {
            try emit(fig, caption: LearningCurveFigure.caption(document.learningCurves))
        }

        let builder = BoxFigureBuilder(trials: document.trials)
        let paper = try PaperTransferReference.bundled()
        if let (fig, counts) = builder.figure(
            name: "fig7", title: "Transfer learning: supervised Site-Net by initialisation",
            arms: [ArmSource(ArmID.random, from: ["fig7"]), ArmSource(ArmID.dim, from: ["fig7"]),
                   ArmSource(ArmID.transfer, from: ["fig7"])],
            separatorsAfter: [], joinPairs: true, dotRadius: 1.7, plotHeight: 105,
            paper: { paper.median(task: $0, nLabels: $1, arm: $2) }) {
            try emit(fig, caption: "Test MAE of supervised Site-Net started from random weights, from the DIM-pretrained "
                     + "encoder, or from the other task's fully supervised model (rows: task; columns: labels). "
                     + boxWords + " Thin grey lines join trials that share a label subset. Red diamonds: the authors' "
                     + "median (full Matbench, last-saved checkpoints, from the authors' notebook), a reference for full-scale runs "
                     + "and only context for reduced ones; a median farther from our values than their range is shown as a red "
                     + "triangle at the panel edge with its value, so it does not squash the boxes." + tally(counts))
        }

        let fig8Arms = [ArmID.linearUntrained, ArmID.linearDIM, ArmID.mlpUntrained, ArmID.mlpDIM, ArmID.mlpOFM, ArmID.mlpXRD]
        if let (fig, counts) = builder.figure(
            name: "fig8", title: "Representation learning: regressors on frozen vectors",
            arms: fig8Arms.map { ArmSource($0, from: ["fig8"]) }, separatorsAfter: [1, 3], joinPairs: false,
            dotRadius: 1.1, plotHeight: 150, logAxisBeyond: 10) {
            try emit(fig, caption: "Test MAE of least squares (linear) and a one-hidden-layer MLP (64 ReLU units) trained "
                     + "on frozen vectors: the untrained encoder (standardised), the DIM encoder, the orbital field matrix "
                     + "(OFM) and the XRD pattern; linear models on OFM/XRD are not shown, as in the paper. "
                     + boxWords + " Dashed lines separate the linear, MLP-on-encoder and MLP-on-engineered-feature groups."
                     + logNote(counts) + tally(counts))
        }

        if !document.tsneMaps.isEmpty {
            let shared = (try? TSNEFigures.grid(document.tsneMaps)).map { TSNEFigures.identicalRowGroups($0).contains { $0.count > 1 } } ?? false
            let sharedNote = shared
                ? " Both tasks' test sets are the same structures embedded by the same encoders (one structure set), so their maps are identical and are drawn once; a difference between the tasks (clearer clustering for one of them) cannot be seen or tested here."
                : ""
            if let fig = try TSNEFigures.halogenFigure(document.tsneMaps) {
                try emit(fig, caption: "t-SNE maps of the test-set crystal vectors of the untrained and the DIM-trained "
                         + "encoder (rows: the task's test set), coloured by whether the crystal contains a metal and a "
                         + "halogen (pymatgen's element classes); those points are drawn last so the minority stays visible. "
                         + "Axes are t-SNE coordinates (no units); each map is the first of the run's t-SNE seeds (the report "
                         + "gives the spread of the neighbourhood numbers over all seeds), and the claims are judged on "
                         + "neighbourhoods in the encoders' own vector space." + sharedNote + " "
                         + TSNEFigures.counts(document.tsneMaps) + ".")
            }
            if let fig = try TSNEFigures.labelFigure(document.tsneMaps) {
                try emit(fig, caption: "The same t-SNE maps coloured by the property label (viridis, perceptually uniform; "
                         + "one colour range per task, shared by its two maps): formation energy in eV/atom, band gap in eV."
                         + (shared ? " The rows are the same maps (one structure set) coloured by each task's label." : ""))
            }
        }

        if let (fig, counts) = builder.figure(
            name: "fig11", title: "Frozen vectors + MLP vs fine-tuned Site-Net",
            arms: [ArmSource(ArmID.mlpUntrained, from: ["fig8"]), ArmSource(ArmID.mlpDIM, from: ["fig8"]),
                   ArmSource(ArmID.random, from: ["fig7"], label: "Site-Net · random init"),
                   ArmSource(ArmID.dim, from: ["fig7"], label: "Site-Net · DIM init")],
            separatorsAfter: [1], joinPairs: false, dotRadius: 1.2, plotHeight: 110) {
            try emit(fig, caption: "Test MAE of the MLP on frozen untrained or DIM vectors (fig 8's trials) against "
                     + "supervised Site-Net started from random or DIM weights (fig 7's trials). Trial k of both "
                     + "experiments uses the same label subset (it is drawn per task, label count and trial index), so "
                     + "Site-Net and MLP are compared as pairs over the trials both have (fig 7 runs fewer trials per box). "
                     + boxWords + tally(counts))
        }

        let noSynth = document.trials.contains {
            ($0.arm == ArmID.linearDIMNoSynthetic || $0.arm == ArmID.mlpDIMNoSynthetic) && $0.mae?.isFinite == true
        }
        if noSynth, let (fig, counts) = builder.figure(
            name: "fig12", title: "DIM without synthetic false samples",
            arms: [ArmSource(ArmID.linearUntrained, from: ["fig12", "fig8"]), ArmSource(ArmID.linearDIM, from: ["fig12", "fig8"]),
                   ArmSource(ArmID.linearDIMNoSynthetic, from: ["fig12", "fig8"]),
                   ArmSource(ArmID.mlpUntrained, from: ["fig12", "fig8"]), ArmSource(ArmID.mlpDIM, from: ["fig12", "fig8"]),
                   ArmSource(ArmID.mlpDIMNoSynthetic, from: ["fig12", "fig8"])],
            separatorsAfter: [2], joinPairs: false, dotRadius: 1.1, plotHeight: 150, logAxisBeyond: 10) {
            try emit(fig, caption: "Fig 8's linear and MLP regressors on vectors of a DIM encoder trained without the "
                     + "synthetic false samples (no-synth, vermillion), beside the untrained and the full DIM encoder "
                     + "(untrained and DIM boxes come from fig 12's own trials where it has them, otherwise from fig 8). "
                     + boxWords + logNote(counts) + tally(counts))
        }
        return document.profile.isPreview == true ? out.map { markedAsPreview($0.figure, $0.caption, profile: document.profile.name) } : out
    }

    /// A preview profile's figure says so in its own title and caption, so a PNG seen apart from
    /// the report (a slide, a review) is not taken for a result that tests the paper.
    static func markedAsPreview(_ figure: Figure, _ caption: String, profile: String) -> (figure: Figure, caption: String) {
        var f = figure
        f.title = f.title.isEmpty ? "Preview (\(profile)): training cut" : f.title + " — preview (\(profile)): training cut"
        return (f, "Preview (profile \(profile)): training is cut below convergence on purpose, so these numbers do not test the paper. " + caption)
    }
}
