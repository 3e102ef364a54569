"""Report labels in English and Spanish (--report-lang en|es)."""

LABELS = {
    "en": {
        "report_title": "Gap analysis", "country": "Country", "instrument": "Instrument",
        "laws": "Laws analysed", "date": "Date", "version": "gapcheck version", "article": "Article",
        "title": "Title", "chapter": "Chapter", "status": "Status", "provisions": "National provisions",
        "score": "Score", "source": "Source", "comment": "Comment", "recommendation": "Recommendation",
        "decision": "Decision", "summary": "Summary", "articles": "Articles", "documents": "Documents",
        "texts": "Texts", "scope": "This report knows only the laws listed above. “Not found in the laws analysed” "
        "means that no implementing provision was found in these texts; the provision may exist in a law that "
        "was not analysed.", "none": "none found", "evidence": "Evidence", "overrides": "Overrides",
        "auto": "automatic", "override": "adviser", "derived": "its offence", "indicators": "Indicators", "met": "yes", "not_met": "no",
        "filter": "Filter", "search": "Search", "all": "All", "national_text": "National text",
        "convention_text": "Convention text", "frbr": "FRBR URI", "count": "Articles",
        "indicator_rule": "met when every article is in line or partially in line and none is absent",
        "elements_found": "Elements found", "elements_missing": "Elements missing", "national_only":
        "national-only: implements no article", "note": "Note", "action": "Action", "value": "Value",
        "origin": "File and line", "no_overrides": "No overrides were applied.", "notes": "Notes",
        "expand_all": "Expand all", "collapse_all": "Collapse all", "show": "Show", "no_results": "No article matches.",
        "national_only_title": "National provisions that implement no article", "go_to_text": "text",
    },
    "es": {
        "report_title": "Análisis de brechas", "country": "País", "instrument": "Instrumento",
        "laws": "Leyes analizadas", "date": "Fecha", "version": "versión de gapcheck", "article": "Artículo",
        "title": "Título", "chapter": "Capítulo", "status": "Estado", "provisions": "Disposiciones nacionales",
        "score": "Puntaje", "source": "Origen", "comment": "Comentario", "recommendation": "Recomendación",
        "decision": "Decisión", "summary": "Resumen", "articles": "Artículos", "documents": "Documentos",
        "texts": "Textos", "scope": "Este informe solo conoce las leyes enumeradas arriba. «No encontrado en las "
        "leyes analizadas» significa que no se halló una disposición de implementación en estos textos; puede "
        "existir en una ley que no se analizó.", "none": "ninguna encontrada", "evidence": "Evidencia",
        "overrides": "Decisiones del asesor", "auto": "automático", "override": "asesor", "derived": "su delito", "indicators": "Indicadores",
        "met": "sí", "not_met": "no", "filter": "Filtrar", "search": "Buscar", "all": "Todos",
        "national_text": "Texto nacional", "convention_text": "Texto del Convenio", "frbr": "URI FRBR",
        "count": "Artículos",
        "indicator_rule": "se cumple cuando todos los artículos son conformes o parcialmente conformes y ninguno está ausente",
        "elements_found": "Elementos encontrados", "elements_missing": "Elementos faltantes", "national_only":
        "solo nacional: no implementa ningún artículo", "note": "Nota", "action": "Acción", "value": "Valor",
        "origin": "Archivo y línea", "no_overrides": "No se aplicaron decisiones del asesor.", "notes": "Notas",
        "expand_all": "Expandir todo", "collapse_all": "Contraer todo", "show": "Mostrar",
        "no_results": "Ningún artículo coincide.",
        "national_only_title": "Disposiciones nacionales que no implementan ningún artículo", "go_to_text": "texto",
    },
}


def labels(lang: str) -> dict:
    return LABELS.get(lang, LABELS["en"])
