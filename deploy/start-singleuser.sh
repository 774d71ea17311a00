#!/bin/sh
# First start in a user's pod: give the user their own copy of the chapters (never over
# their edits), then start the single-user server the hub asked for.
set -e
mkdir -p "$HOME/course/ko"
for nb in /opt/aws-course-kit/course/*.ipynb /opt/aws-course-kit/course/ko/*.ipynb; do
    [ -e "$nb" ] || continue
    rel=${nb#/opt/aws-course-kit/course/}
    [ -e "$HOME/course/$rel" ] || cp "$nb" "$HOME/course/$rel"
done
exec jupyterhub-singleuser "$@"
