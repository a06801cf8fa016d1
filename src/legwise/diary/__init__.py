"""The night diary: what one night was like (`entry`), and what many nights show (`trends`).

Pure data and functions; storing entries is `legwise.store`'s job.
"""
