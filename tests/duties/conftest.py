import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "session"))
sys.path.insert(0, str(HERE.parent / "consent"))
sys.path.insert(0, str(HERE))
