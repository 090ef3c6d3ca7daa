#!/usr/bin/env python3
"""Bundle tests/adversarial/*.json into tests/adversarial-all.json for the browser run
(tests/web_adversarial.rs); tests/adversarial.rs fails if the bundle is stale."""
import glob, json, os
root = os.path.join(os.path.dirname(__file__), "..")
cases = []
for path in sorted(glob.glob(os.path.join(root, "tests/adversarial/*.json"))):
    case = json.load(open(path))
    case["file"] = os.path.basename(path)
    cases.append(case)
json.dump(cases, open(os.path.join(root, "tests/adversarial-all.json"), "w"), indent=1, ensure_ascii=False)
print(f"{len(cases)} cases bundled")
