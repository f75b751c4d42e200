#!/usr/bin/env python3
"""Writes N synthetic modules of about 600 words twice: as a mika content tree and as a Hugo site with a
minimal theme, from the same Markdown bodies. Usage: generate-bench-content.py N FOLDER"""
import pathlib
import random
import shutil
import sys

WORDS = ("Ausbildung Medien Lernziel Auszubildende Werkzeug Datenschutz Lizenz Projekt Praxis Betrieb planen "
         "entscheiden prüfen bewerten Video Anleitung Gruppe Feedback digital offen Material Quelle Titel "
         "Urheber Lernweg Kompetenz Handlung Schritt Beispiel Aufgabe Ergebnis Qualität zeigen erklären").split()


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
    return " ".join(words).capitalize() + "."


def body(rng, index, count, per_course):
    parts = []
    for section in range(4):
        parts.append(f"## Abschnitt {section + 1}: {rng.choice(WORDS)}\n")
        parts.append(" ".join(sentence(rng) for _ in range(11)) + "\n")
        if section == 1:
            parts.append("- " + "\n- ".join(sentence(rng) for _ in range(4)) + "\n")
        if section == 2:
            parts.append("| Kriterium | Wert |\n|---|---|\n" + "".join(f"| {rng.choice(WORDS)} | {i} |\n" for i in range(4)))
    neighbour = index + 1 if (index + 1) % per_course and index + 1 < count else index
    parts.append(f"Weiter mit [Modul {neighbour}]({neighbour % per_course + 1:03d}-modul-{neighbour}.md).\n")
    return "\n".join(parts)


def main():
    count, folder = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    if (folder / "done").exists() and (folder / "done").read_text() == str(count):
        return
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(count)
    per_course = 100
    mika = folder / "content"
    hugo = folder / "hugo"
    (mika / "courses").mkdir(parents=True)
    (mika / "site.yml").write_text("title: Benchmark\nlicense: CC-BY-4.0\nauthors: [Bench]\n"
                                  "impressum: https://bench.example.org/impressum\n"
                                  "datenschutz: https://bench.example.org/datenschutz\n"
                                  "barrierefreiheit: https://bench.example.org/barrierefreiheit\n")
    (hugo / "layouts" / "_default").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\nlanguageCode = "de"\ntitle = "Benchmark"\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    layout = ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
              '<body><main><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</main>'
              '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
              '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n')
    (hugo / "layouts" / "_default" / "single.html").write_text(layout)
    (hugo / "layouts" / "_default" / "list.html").write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>'
        '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
    words = 0
    for index in range(count):
        course = f"kurs-{index // per_course + 1}"
        position = index % per_course + 1
        if position == 1:
            (mika / "courses" / course).mkdir()
            (mika / "courses" / course / "course.yml").write_text(f"title: Kurs {course}\n")
            (hugo / "content" / course).mkdir(parents=True)
            (hugo / "content" / course / "_index.md").write_text(f"---\ntitle: Kurs {course}\n---\n")
        text = body(rng, index, count, per_course)
        words += len(text.split())
        name = f"{position:03d}-modul-{index}.md"
        (mika / "courses" / course / name).write_text(
            f"---\ntitle: Modul {index}\nsummary: {sentence(rng)}\nduration: 45 min\ntype: theory\nstep: informieren\n---\n{text}")
        hugo_text = text.replace(".md)", "/)").replace("](0", "](../0")
        (hugo / "content" / course / name).write_text(f"---\ntitle: Modul {index}\n---\n{hugo_text}")
    (folder / "done").write_text(str(count))
    print(f"generated {count} modules, {words // count} words each on average, in {folder}")


if __name__ == "__main__":
    main()
