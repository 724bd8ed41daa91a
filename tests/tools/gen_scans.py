#!/usr/bin/python3
"""Draw a "scanned" letter as an office copier would deliver it (OCR tests).

An A4 page (or a part of one) is drawn with Pillow at the given resolution
in Danish, Swedish, Norwegian or Finnish: a letterhead, a few paragraphs,
and, unless --clean, one line holding the input text of a tests/data/
vectors.tsv row (--vector ID, rows marked found only). Then what a scanner
adds: a rotation of a few degrees, speckle noise and a little blur.

Usage: gen_scans.py --lang da --dpi 300 --noise 0.02 --rotate 1.5 \
           [--vector dk-006 | --clean] [--height 0.5] [--seed N] OUT.{png,jpg,tif,gif,bmp,webp}
The format follows the file name. Deterministic for one seed and Pillow
version; fonts can change with the distribution, so committed fixtures
are generated once (tests/corpus/README.md).
"""
import argparse
import csv
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]

LETTERS = {
    "da": ("Borgerservice, Rådhuspladsen 1",
           "Afgørelse om boligstøtte",
           ["Kære borger,",
            "Vi har modtaget din ansøgning den 12. marts og har nu behandlet sagen.",
            "Kommunen har lagt vægt på oplysningerne i skemaet og på de bilag,",
            "som du sendte sammen med ansøgningen."],
           ["Du kan klage over afgørelsen inden fire uger efter, at du har",
            "modtaget dette brev. Skriv til os, hvis du har spørgsmål.",
            "Med venlig hilsen", "Sagsbehandler, Ydelseskontoret"]),
    "sv": ("Socialförvaltningen, Stadshuset",
           "Beslut om ekonomiskt bistånd",
           ["Hej,",
            "Vi har tagit emot din ansökan den 12 mars och har nu prövat ärendet.",
            "Kommunen har grundat beslutet på uppgifterna i blanketten och på",
            "de handlingar som du skickade in tillsammans med ansökan."],
           ["Du kan överklaga beslutet inom tre veckor från den dag då du fick",
            "del av det. Hör av dig om du har frågor.",
            "Med vänliga hälsningar", "Handläggare, Försörjningsenheten"]),
    "no": ("Tjenestetorget, Rådhusgata 1",
           "Vedtak om økonomisk stønad",
           ["Hei,",
            "Vi har mottatt søknaden din den 12. mars og har nå behandlet saken.",
            "Kommunen har lagt vekt på opplysningene i skjemaet og på vedleggene",
            "som du sendte sammen med søknaden."],
           ["Du kan klage på vedtaket innen tre uker etter at du mottok dette",
            "brevet. Ta kontakt med oss hvis du har spørsmål.",
            "Med vennlig hilsen", "Saksbehandler, NAV-kontoret"]),
    "fi": ("Sosiaalitoimisto, Kaupungintalo",
           "Päätös toimeentulotuesta",
           ["Hyvä vastaanottaja,",
            "Olemme vastaanottaneet hakemuksesi 12. maaliskuuta ja käsitelleet sen.",
            "Päätös perustuu lomakkeen tietoihin ja liitteisiin, jotka lähetit",
            "hakemuksen mukana."],
           ["Voit hakea päätökseen oikaisua 30 päivän kuluessa siitä, kun olet",
            "saanut tämän kirjeen. Ota yhteyttä, jos sinulla on kysyttävää.",
            "Ystävällisin terveisin", "Sosiaalityöntekijä, Aikuissosiaalityö"]),
}

# A line in each language that holds digits but no identity number, so the
# clean scans show dates, amounts and case numbers as real letters do.
CLEAN_LINES = {
    "da": "Sagsnr. 2026-04-1187, beløb 12.450,00 kr., telefon 33 66 33 66.",
    "sv": "Diarienr 2026/1187, belopp 12 450 kr, telefon 08-508 000 00.",
    "no": "Saksnr. 26/1187, beløp 12 450 kr, telefon 22 05 00 00.",
    "fi": "Diaarinumero 1187/2026, summa 1 245,00 euroa, puhelin 09 310 1691.",
}


def vector_text(vid):
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "data", "vectors.tsv")
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["id"] == vid:
                if row["expected"] != "found":
                    sys.exit("vector %s is not marked found" % vid)
                # vectors.tsv writes non-ASCII as \\uXXXX escapes
                return row["input"].encode().decode("unicode_escape")
    sys.exit("no vector %s" % vid)


def draw(args):
    dpi = args.dpi
    w, h = int(8.27 * dpi), int(11.69 * dpi * args.height)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    pt = lambda n: int(n * dpi / 72)
    body = ImageFont.truetype(FONTS[args.font], pt(11))
    head = ImageFont.truetype(FONTS[1], pt(14))
    head_line, title, before, after = LETTERS[args.lang]
    x, y = pt(72), pt(60)
    line = pt(16)
    d.text((x, y), head_line, font=body, fill=0)
    y += 2 * line
    d.text((x, y), title, font=head, fill=0)
    y += 2 * line
    mid = CLEAN_LINES[args.lang] if args.vector is None else vector_text(args.vector)
    for text in before + ["", mid, ""] + after:
        d.text((x, y), text, font=body, fill=0)
        y += line
    if args.rotate:
        img = img.rotate(args.rotate, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if args.noise > 0:
        rnd = random.Random(args.seed)
        px = img.load()
        iw, ih = img.size
        for _ in range(int(iw * ih * args.noise)):
            px[rnd.randrange(iw), rnd.randrange(ih)] = rnd.choice((0, 96, 160, 255))
        img = img.filter(ImageFilter.GaussianBlur(radius=dpi / 300.0 * 0.6))
    return img


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lang", choices=sorted(LETTERS), default="da")
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--noise", type=float, default=0.0, help="share of pixels speckled")
    p.add_argument("--rotate", type=float, default=0.0, help="degrees")
    p.add_argument("--vector", help="vectors.tsv id (found rows only)")
    p.add_argument("--clean", action="store_true")
    p.add_argument("--height", type=float, default=1.0, help="share of an A4 page")
    p.add_argument("--font", type=int, default=0, choices=(0, 1))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("out")
    args = p.parse_args()
    if args.clean:
        args.vector = None
    elif args.vector is None:
        p.error("--vector ID or --clean")
    img = draw(args)
    if args.out.endswith((".jpg", ".jpeg")):
        img.save(args.out, quality=85, dpi=(args.dpi, args.dpi))
    elif args.out.endswith(".gif"):
        img.convert("P").save(args.out)
    else:
        img.save(args.out, dpi=(args.dpi, args.dpi))


if __name__ == "__main__":
    main()
