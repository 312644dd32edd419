// SPDX-License-Identifier: MIT
#pragma once

#include "model/checkfilter.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace HealthDesk {

/// How statuses look everywhere in the UI (table, summary bar, chart, tray): one colour, one
/// icon and one label per CheckFilter::StatusFlag. Colours keep a 4.5:1 contrast for the label
/// text drawn on them, and the icons differ in shape, not only in colour.
namespace StatusStyle {

QColor color(CheckFilter::StatusFlag flag);
/// A light tint of color() for row/background accents.
QColor tint(CheckFilter::StatusFlag flag);
QString label(CheckFilter::StatusFlag flag);
/// A round badge with a glyph (✓, !, ✕, wrench) painted at `size` px.
QIcon icon(CheckFilter::StatusFlag flag, int size = 16);
/// The application/tray icon: a heart-beat mark tinted by the worst state (0 = no checks).
QIcon appIcon(int worstFlag = 0);
/// The worst flag in `flags` by severity: maintenance, critical, warning, passing (0 if none).
CheckFilter::StatusFlag worst(quint8 flags);

} // namespace StatusStyle
} // namespace HealthDesk
