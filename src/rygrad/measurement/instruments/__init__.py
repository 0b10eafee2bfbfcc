"""Survey instruments as data: the JSON schema check and the two instruments Rygrad ships."""

from pathlib import Path

SHIPPED_DIR = Path(__file__).resolve().parent
SHIPPED = {
    "trivsel-4-9": SHIPPED_DIR / "trivsel-4-9.json",
    "ensomhed": SHIPPED_DIR / "ensomhed.json",
}
