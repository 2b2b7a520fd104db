#!/usr/bin/python3
"""SPARQLWrapper against a Cairn endpoint, as a statistics.gov.scot Python script uses it.

Usage: sparqlwrapper_client.py BASE_URL AREA PERIOD
Prints one JSON object: the number of data zones (a SELECT read as SPARQL JSON results), and the
recycling observations of AREA in PERIOD (a SELECT read as CSV): their row count and rows.
"""
import csv
import io
import json
import sys

from SPARQLWrapper import CSV, JSON, SPARQLWrapper

base, area, period = sys.argv[1], sys.argv[2], sys.argv[3]
sparql = SPARQLWrapper(base + "/sparql")
sparql.setTimeout(60)

sparql.setQuery("""
PREFIX foi: <http://publishmydata.com/def/ontology/foi/>
SELECT (COUNT(?dz) AS ?dataZones)
WHERE { ?dz foi:memberOf <http://statistics.gov.scot/def/foi/collection/data-zones-2011> }""")
sparql.setReturnFormat(JSON)
data_zones = int(sparql.query().convert()["results"]["bindings"][0]["dataZones"]["value"])

sparql.setQuery("""
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
SELECT ?indicator ?measureType ?value WHERE {
  ?obs qb:dataSet <http://statistics.gov.scot/data/recycling> ;
       sdmx:refArea <http://statistics.gov.scot/id/statistical-geography/%s> ;
       sdmx:refPeriod <%s> ;
       <http://statistics.gov.scot/def/dimension/wasteIndicator> ?indicator ;
       qb:measureType ?measureType .
  ?obs ?measureType ?value .
} ORDER BY ?indicator""" % (area, period))
sparql.setReturnFormat(CSV)
text = sparql.query().convert().decode("utf-8")
rows = list(csv.DictReader(io.StringIO(text)))

print(json.dumps({"dataZones": data_zones, "rows": len(rows), "observations": rows}))
