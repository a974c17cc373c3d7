import CCairo
import Foundation

/// Font sizes (points) and the face used everywhere. Metrics are unhinted, so layout is the same on
/// every surface (PNG, SVG, PDF).
public enum Typography {
    /// Fontconfig family name; DejaVu Sans covers Greek, maths and arrows.
    public static let family = "DejaVu Sans"
    /// Tick labels.
    public static let tick = 8.0
    /// Axis labels and colour-bar labels.
    public static let axisLabel = 9.0
    /// Panel titles (bold).
    public static let panelTitle = 9.5
    /// Panel letters (a), (b)… (bold).
    public static let letter = 10.0
    /// Legend entries.
    public static let legend = 8.0
    /// Figure title (bold).
    public static let figureTitle = 11.5
}

/// Text measurement and drawing on one Cairo context (a thin wrapper; it owns nothing).
struct TextEngine {
    let cr: OpaquePointer
    /// When set, every drawn text's bounding box is recorded (for overlap checks).
    var recorder: TextRecorder? = nil

    /// Sets face, size and unhinted font options on the context.
    func setFont(size: Double, bold: Bool) {
        cairo_select_font_face(cr, Typography.family, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    /// Advance width of `s` at `size`.
    func width(_ s: String, size: Double, bold: Bool = false) -> Double {
        setFont(size: size, bold: bold)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, s, &e)
        return e.x_advance
    }

    /// (ascent, descent) of the face at `size`.
    func metrics(size: Double, bold: Bool = false) -> (ascent: Double, descent: Double) {
        setFont(size: size, bold: bold)
        var f = cairo_font_extents_t()
        cairo_font_extents(cr, &f)
        return (f.ascent, f.descent)
    }

    /// Line height (ascent + descent) at `size`.
    func lineHeight(size: Double, bold: Bool = false) -> Double {
        let m = metrics(size: size, bold: bold)
        return m.ascent + m.descent
    }

    /// Draws `s` with its anchor at (x, y). `h`: 0 left, 0.5 centre, 1 right.
    /// `v`: 0 top, 0.5 middle, 1 bottom of the line box (ascent + descent).
    /// `rotated` turns the text 90° anticlockwise (reading bottom-to-top) about the anchor.
    func draw(_ s: String, x: Double, y: Double, size: Double, bold: Bool = false, color: Color = .darkGrey,
              h: Double = 0, v: Double = 1, rotated: Bool = false) {
        guard !s.isEmpty else { return }
        let w = width(s, size: size, bold: bold)
        let m = metrics(size: size, bold: bold)
        if let recorder {
            let lh = m.ascent + m.descent
            let r = rotated ? Rect(x: x - v * lh, y: y - (1 - h) * w, width: lh, height: w)
                            : Rect(x: x - h * w, y: y - v * lh, width: w, height: lh)
            recorder.boxes.append((s, r))
        }
        cairo_save(cr)
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
        cairo_translate(cr, x, y)
        if rotated { cairo_rotate(cr, -Double.pi / 2) }
        cairo_move_to(cr, -h * w, m.ascent - v * (m.ascent + m.descent))
        cairo_show_text(cr, s)
        cairo_restore(cr)
    }

    /// A context on a 1×1 image surface for measuring before any output surface exists.
    /// The caller destroys both with ``destroyMeasuringContext(_:)``.
    static func makeMeasuringContext() -> (OpaquePointer, OpaquePointer) {
        let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)!
        let cr = cairo_create(s)!
        configure(cr)
        return (s, cr)
    }

    static func destroyMeasuringContext(_ pair: (OpaquePointer, OpaquePointer)) {
        cairo_destroy(pair.1); cairo_surface_destroy(pair.0)
    }

    /// Unhinted metrics and outlines on `cr`, so text measures the same on every surface type.
    static func configure(_ cr: OpaquePointer) {
        let o = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, o)
        cairo_font_options_destroy(o)
    }
}

/// Collects the boxes of drawn texts.
final class TextRecorder {
    var boxes: [(String, Rect)] = []
}
