//! Where a hovercard goes: below its term, or above when there is more room
//! there, aligned with the term's start edge (its right edge in
//! right-to-left text), shifted sideways to stay inside the viewport. It
//! never overlaps the term, because it sits wholly above or below the
//! term's box.

/// A rectangle in viewport pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// The card's position and the height it may use before it scrolls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub left: f64,
    pub top: f64,
    pub max_height: f64,
    pub above: bool,
}

/// Space kept between the card and the term, and the viewport's edges.
pub const GAP: f64 = 8.0;

/// Places a card of `card` size (only width and height are read) for a term
/// at `anchor` in a viewport of `viewport_width` × `viewport_height`; `rtl`
/// when the text runs right to left.
pub fn place_card(
    anchor: Rect,
    card: Rect,
    viewport_width: f64,
    viewport_height: f64,
    rtl: bool,
) -> Placement {
    let below = viewport_height - (anchor.top + anchor.height) - 2.0 * GAP;
    let above = anchor.top - 2.0 * GAP;
    let go_above = card.height > below && above > below;
    let max_height = if go_above { above } else { below }.max(48.0);
    let height = card.height.min(max_height);
    let top = if go_above {
        anchor.top - GAP - height
    } else {
        anchor.top + anchor.height + GAP
    };
    let max_left = (viewport_width - card.width - GAP).max(GAP);
    // Not `clamp`: its panic message would bring float formatting (17 KB)
    // into the wasm; `max_left` is never below `GAP` anyway.
    let start = if rtl {
        anchor.left + anchor.width - card.width
    } else {
        anchor.left
    };
    let left = start.max(GAP).min(max_left);
    Placement {
        left,
        top,
        max_height,
        above: go_above,
    }
}
