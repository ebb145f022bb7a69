import sys

from generator import pipeline
from generator.cli import main

pipeline.SET_ASIDE = True  # a one-shot run: its records are set aside from the collector
sys.exit(main())
