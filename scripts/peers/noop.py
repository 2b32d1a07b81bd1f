# Run by scripts/setup-peers.sh through spark-submit --packages: resolving the packages is the
# whole point, so the application itself does nothing.
