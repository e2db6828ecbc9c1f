"""The group's own look in its documents: a logo and a colour on the PDF, its Word template as the
base of every Word document, uploaded on a settings page (issue 8, point 5; BRAND-001–003)."""

import zipfile
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image
from pypdf import PdfReader

from styr.core.models import AuditEvent
from styr.documents.models import GraphicProfile
from styr.documents.services import graphic_profile_set
from styr.domain.branding import DOCUMENT_TYPE, SVG, TEMPLATE_TYPE, check_colour, check_logo, check_word_template
from styr.domain.errors import RuleViolation
from tests.conftest import YEAR, World

PAGE = "/installningar/grafisk-profil/"
HEADER_TEXT = "Alvesta kommun · Kommunledningsförvaltningen"


def png(width: int = 120, height: int = 40) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (0, 90, 156)).save(out, format="PNG")
    return out.getvalue()


def word_template() -> bytes:
    doc = Document()
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["Normal"].font.size = Pt(12)
    doc.sections[0].header.paragraphs[0].text = HEADER_TEXT
    doc.add_paragraph("Mallens egen brödtext som inte ska följa med")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def as_dotx(docx: bytes) -> bytes:
    source = zipfile.ZipFile(BytesIO(docx))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename == "[Content_Types].xml":
                content = content.replace(DOCUMENT_TYPE.encode(), TEMPLATE_TYPE.encode())
            copy.writestr(part, content)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A small .docx whose one part expands to 30 MB."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Override PartName="/word/document.xml" ContentType="{DOCUMENT_TYPE}"/></Types>')
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (30 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


# --- the rules ---------------------------------------------------------------------------------


def test_a_logo_is_a_png_or_an_svg_without_scripts_brand_001() -> None:
    assert check_logo(png()).content_type == "image/png"
    assert check_logo(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>').content_type == SVG
    for bad in (
        b"GIF89a not a logo",
        b"%PDF-1.7",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="http://example.invalid/a.png"/></svg>',
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        png() + b"\0" * (512 * 1024),
        png(5000, 10),
    ):
        with pytest.raises(RuleViolation) as refused:
            check_logo(bad)
        assert refused.value.code == "BRAND-001" and refused.value.field == "logo"


def test_a_word_template_is_capped_in_what_it_expands_to_brand_002() -> None:
    bomb = zip_bomb()
    assert len(bomb) < 200 * 1024
    for bad in (bomb, b"PK\x03\x04 damaged", b"plain text", b"x" * (2 * 1024 * 1024 + 1)):
        with pytest.raises(RuleViolation) as refused:
            check_word_template(bad)
        assert refused.value.code == "BRAND-002"
    docx = word_template()
    assert check_word_template(docx) == docx
    converted = check_word_template(as_dotx(docx))
    assert DOCUMENT_TYPE.encode() in zipfile.ZipFile(BytesIO(converted)).read("[Content_Types].xml")
    assert Document(BytesIO(converted)).sections[0].header.paragraphs[0].text == HEADER_TEXT


def test_the_primary_colour_is_written_rrggbb_brand_003() -> None:
    assert check_colour("#005a9c") == "#005A9C" and check_colour(" ") == ""
    for bad in ("blue", "#05a", "#005a9cff", "#00zz00", "red; background: url(x)"):
        with pytest.raises(RuleViolation) as refused:
            check_colour(bad)
        assert refused.value.code == "BRAND-003"


# --- the settings page -------------------------------------------------------------------------


def post(world: World, persona: str, **data: Any) -> Any:
    return world.client(persona).post(PAGE, data, HTTP_ACCEPT_LANGUAGE="sv")


def test_a_ks_controller_uploads_the_logo_template_and_colour_on_the_settings_page(world: World) -> None:
    assert world.client("ks_controller").get(PAGE).status_code == 200
    response = post(
        world,
        "ks_controller",
        logo=SimpleUploadedFile("logo.png", png(), content_type="image/png"),
        word_template=SimpleUploadedFile("mall.dotx", as_dotx(word_template())),
        primary_colour="#005a9c",
    )
    assert response.status_code == 302
    profile = GraphicProfile.objects.get(group=world.group)
    assert profile.logo_content_type == "image/png" and profile.logo_name == "logo.png"
    assert profile.word_template_name == "mall.dotx" and profile.primary_colour == "#005A9C"
    event = AuditEvent.objects.get(action="graphic_profile.set")
    assert event.actor_id == world.users["ks_controller"].pk
    assert event.after["primary_colour"] == "#005A9C" and len(event.after["logo_sha256"]) == 64
    page = world.client("ks_controller").get(PAGE).content.decode()
    assert "mall.dotx" in page and "#005A9C" in page and 'src="data:image/png;base64,' in page
    assert world.client("administrator").get(PAGE).status_code == 200


@pytest.mark.parametrize("persona", ["unit_manager", "committee_politician", "outsider"])
def test_others_may_not_change_the_groups_look(world: World, persona: str) -> None:
    response = post(world, persona, primary_colour="#FF0000")
    assert response.status_code == 403
    assert not GraphicProfile.objects.exists()


def test_a_file_that_is_not_an_image_and_a_zip_bomb_template_are_refused_in_swedish(world: World) -> None:
    response = post(world, "ks_controller", logo=SimpleUploadedFile("logo.png", b"%PDF-1.7 inte en bild"), primary_colour="#005A9C")
    body = response.content.decode()
    assert response.status_code == 422 and "BRAND-001" in body and "Logotypen är inte en PNG- eller SVG-bild" in body
    response = post(world, "ks_controller", word_template=SimpleUploadedFile("mall.docx", zip_bomb()))
    body = response.content.decode()
    assert response.status_code == 422 and "BRAND-002" in body and "packas upp till mer än 20 MB" in body
    response = post(world, "ks_controller", primary_colour="blå")
    assert response.status_code == 422 and "BRAND-003" in response.content.decode()
    assert not GraphicProfile.objects.exists() and not AuditEvent.objects.filter(action="graphic_profile.set").exists()


# --- the documents -----------------------------------------------------------------------------


def test_every_word_document_starts_from_the_groups_template(world: World) -> None:
    graphic_profile_set(actor=world.users["ks_controller"], group=world.group, word_template=("mall.docx", word_template()))
    council = world.unit("Kommunfullmäktige")
    response = world.client("ks_controller").get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.docx", HTTP_ACCEPT_LANGUAGE="sv")
    doc = Document(BytesIO(response.content))
    assert doc.sections[0].header.paragraphs[0].text == HEADER_TEXT
    assert doc.styles["Normal"].font.name == "Georgia" and doc.styles["Normal"].font.size == Pt(12)
    text = " ".join(p.text for p in doc.paragraphs)
    assert "Mål och budget" in text and "Mallens egen brödtext" not in text
    assert any(p.style is not None and p.style.name == "Heading 1" for p in doc.paragraphs)
    assert {lang.get(qn("w:val")) for lang in doc.styles.element.iter(qn("w:lang"))} == {"sv-SE"}


def test_the_pdf_shows_the_logo_and_the_groups_colour(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    council = world.unit("Kommunfullmäktige")
    url = f"/enheter/{council.pk}/dokument/plan-{YEAR}.pdf"
    client = world.client("ks_controller")
    assert len(PdfReader(BytesIO(client.get(url).content)).pages[0].images) == 0
    graphic_profile_set(actor=None, group=world.group, logo=("logo.png", png()), primary_colour="#005A9C")
    from styr.documents.renderers import pdf

    seen: list[str] = []
    from django.template.loader import render_to_string as render

    def capture(*args: Any, **kwargs: Any) -> str:
        seen.append(render(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(pdf, "render_to_string", capture)
    content = client.get(url).content
    (logo,) = PdfReader(BytesIO(content)).pages[0].images
    assert logo.image is not None and logo.image.size == (120, 40)
    assert "color: #005A9C" in seen[-1]
    assert '<img class="logo" src="data:image/png;base64,' in seen[-1] and f'alt="{world.group.name}"' in seen[-1]


def test_a_template_without_the_built_in_styles_still_gives_a_whole_document(world: World) -> None:
    """A municipality's template need not define "Heading 1", "Table Grid" or "List Bullet"."""
    doc = Document(BytesIO(word_template()))
    styles = doc.styles.element
    for style in list(styles.iter(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) in ("heading 1", "heading 2", "Title", "Table Grid", "List Bullet"):
            styles.remove(style)
    out = BytesIO()
    doc.save(out)
    graphic_profile_set(actor=None, group=world.group, word_template=("mall.docx", out.getvalue()))
    council = world.unit("Kommunfullmäktige")
    from styr.economy.services import frame_set

    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal(1000))
    response = world.client("ks_controller").get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.docx")
    assert response.status_code == 200
    produced = Document(BytesIO(response.content))
    assert produced.sections[0].header.paragraphs[0].text == HEADER_TEXT
    assert any(p.style is not None and p.style.name == "Heading 1" and p.text for p in produced.paragraphs)
    assert produced.tables and produced.tables[0]._tbl.tblPr.find(qn("w:tblBorders")) is not None


def test_the_governing_documents_page_leads_those_allowed_to_the_settings_page(world: World) -> None:
    assert PAGE in world.client("ks_controller").get("/styrdokument/").content.decode()
    assert PAGE not in world.client("unit_manager").get("/styrdokument/").content.decode()


def test_what_is_not_given_is_kept_and_a_removal_is_audited(world: World) -> None:
    controller = world.users["ks_controller"]
    graphic_profile_set(actor=controller, group=world.group, logo=("logo.png", png()), word_template=("mall.docx", word_template()), primary_colour="#005A9C")
    profile = graphic_profile_set(actor=controller, group=world.group, primary_colour="#112233")
    assert profile.logo_name == "logo.png" and profile.word_template_name == "mall.docx" and profile.primary_colour == "#112233"
    profile = graphic_profile_set(actor=controller, group=world.group, remove_logo=True, remove_word_template=True)
    assert not profile.logo and not profile.word_template and profile.primary_colour == "#112233"
    last = AuditEvent.objects.filter(action="graphic_profile.set").order_by("-pk").first()
    assert last is not None and last.before["logo"] == "logo.png" and last.after["logo"] == "" and last.after["word_template"] == ""
    assert GraphicProfile.objects.count() == 1
