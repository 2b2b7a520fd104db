#!/usr/bin/python3
"""rdflib against Cairn's linked data, downloads and endpoint.

Usage: rdflib_client.py BASE_URL AREA_CODE DATASET_SLUG
Reads an area's Turtle (/id/statistical-geography/CODE.ttl), a whole dataset's N-Triples download
and a SPARQL DESCRIBE of the area (Turtle), each into an rdflib Graph, and prints one JSON object
with what it found: the area's label and what replaced it, the dataset's observation count, and
the triples the DESCRIBE returned.
"""
import json
import sys
import urllib.parse

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

base, code, slug = sys.argv[1], sys.argv[2], sys.argv[3]
area = URIRef("http://statistics.gov.scot/id/statistical-geography/" + code)
dataset = "http://statistics.gov.scot/data/" + slug
QB = "http://purl.org/linked-data/cube#"
REPLACED_BY = URIRef("http://purl.org/dc/terms/isReplacedBy")

page = Graph().parse(base + "/id/statistical-geography/" + code + ".ttl", format="turtle")
download = Graph().parse(
    base + "/downloads/dataset.nt?" + urllib.parse.urlencode({"uri": dataset}), format="nt")
describe = Graph().parse(
    base + "/sparql?" + urllib.parse.urlencode({"query": "DESCRIBE <%s>" % area}), format="turtle")

print(json.dumps({
    "pageTriples": len(page),
    "label": str(page.value(area, RDFS.label)),
    "replacedBy": sorted(str(o) for o in page.objects(area, REPLACED_BY)),
    "observations": len(set(download.subjects(RDF.type, URIRef(QB + "Observation")))),
    "downloadTriples": len(download),
    "describeTriples": len(describe),
    "describeLabel": str(describe.value(area, RDFS.label)),
}))
