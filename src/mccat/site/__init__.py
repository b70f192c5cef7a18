"""The public site's content in each language, without MkDocs: the pages that exist, the views their
templates render, words and formats per language, the compare tool and search metadata, HTML values."""
