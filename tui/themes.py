"""The projector theme: high contrast for a room, with bold text so status symbols carry."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    primary="#FFD700",
    secondary="#00BFFF",
    accent="#FFD700",
    warning="#FFA500",
    error="#FF4040",
    success="#00FF7F",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
)
