"""Briefbot's edges, built on ``briefings``:

commands.py, arguments.py, replies.py   the one command table, its arguments, the platform-neutral reply
cli.py                                  ``briefbot ...``: ingest, stats, extract, the table's query commands,
                                        run, post, check-config, console
render/                                 replies and briefings as Markdown, Slack blocks, Discord embeds
slack_adapter.py, discord_adapter.py    chat commands in; slack_sender.py, senders.py: scheduled posts out
config.py                               the TOML configuration, from one table of settings
schedule.py, polling.py, service.py     when slots post, source polling, ``briefbot run``'s event loop
runner.py                               commands run in worker threads, a store connection each
console.py, healthz.py, logs.py         the local console, ``/healthz``, secret-free logs
"""
