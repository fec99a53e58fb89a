"""The console's footer: Textual's Footer, built again only when the keys it shows change.

Textual's Footer rebuilds all its keys on every bindings signal: focus moving, a tab shown, a
`refresh_bindings`. Opening the Bids tab sent three (17 keys rebuilt each time) and the first
frame four, each key styled three times as it mounted (once, then `compact` switched on by its
reactive's default and off by the footer's binding). Here signals that arrive before the footer
is rebuilt share one rebuild, a rebuild that would show the same keys is skipped, and each key
starts with the footer's `compact` so mounting styles it once. The rebuild runs before the next
frame, not after it (Textual's `call_after_refresh`): the first frame has its keys, and a tab's
first frame has the tab's keys instead of being laid out and drawn again for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    """A Footer that rebuilds once per change of the keys it shows."""

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(show_command_palette=show_command_palette)
        self._shown: tuple[object, ...] | None = None  # the keys as last built
        self._pending = False  # a rebuild is queued

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            # The first keys after the first frame, as Textual's Footer does (it is on screen
            # sooner); later ones before the next frame, which then shows them.
            later = self.call_after_refresh if self._shown is None else self.call_later
            later(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        keys = self.keys_shown()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()

    def keys_shown(self) -> tuple[object, ...]:
        """What the footer's keys depend on: each shown binding, whether it is enabled, its
        tooltip; and the footer's own settings."""
        bindings = tuple(
            (binding, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.compact, self.show_command_palette, bindings)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)  # its data binding's value
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
