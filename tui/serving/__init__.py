"""`board serve`'s pieces: the secret link, the request guard, the server and the browser console.

The server side (`secret`, `guard`, `server`) runs in `board serve` and imports aiohttp and
textual-serve; the console side (`browser`, `driver`) runs in each browser tab's console process.
"""
