# Turned into a single-measure cube without qb:measureType (ratio observations, components and measure type removed), then one observation loses its count.
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmxa: <http://purl.org/linked-data/sdmx/2009/attribute#>
PREFIX ex: <http://example.org/def/>
PREFIX data: <http://statistics.gov.scot/data/>
PREFIX area: <http://statistics.gov.scot/id/statistical-geography/>
PREFIX sex: <http://statistics.gov.scot/def/concept/sex/>
PREFIX meta: <http://statistics.gov.scot/graph/test-cube/metadata>
PREFIX obs: <http://statistics.gov.scot/graph/test-cube>

DELETE DATA { GRAPH meta: { <http://statistics.gov.scot/data/structure/test-cube> qb:component ex:cs-measure-type, ex:cs-ratio } } ;
DELETE WHERE { GRAPH obs: { ?o qb:measureType ex:ratio ; ?p ?v } } ;
DELETE WHERE { GRAPH obs: { ?o qb:measureType ?m } } ;
DELETE DATA { GRAPH obs: { ex:o5 ex:count 20 } }
