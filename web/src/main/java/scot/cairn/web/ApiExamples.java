package scot.cairn.web;

/**
 * The API tab's examples for one slice: the same rows from the CSV URL and from the SPARQL
 * endpoint, in curl, R and Python, with the server's own address so that they run as copied.
 *
 * @param csvUrl  the slice's CSV download, absolute
 * @param sparqlUrl the endpoint, absolute
 * @param curl    shell commands
 * @param r       R (base R for the CSV, httr for the query)
 * @param python  Python (pandas for the CSV, requests for the query)
 */
record ApiExamples(String csvUrl, String sparqlUrl, String curl, String r, String python) {

    static ApiExamples of(String base, String csvPath, String sparql) {
        String csvUrl = base + csvPath;
        String endpoint = base + "/sparql";
        String curl = "# the slice as CSV\ncurl -o slice.csv '" + csvUrl + "'\n\n"
                + "# the same rows from the SPARQL endpoint (the query saved as slice.rq)\n"
                + "curl -H 'Accept: text/csv' --data-urlencode 'query@slice.rq' " + endpoint + "\n";
        String r = "# the slice as CSV\nslice <- read.csv(\"" + csvUrl + "\")\n\n"
                + "# the same rows from the SPARQL endpoint\nlibrary(httr)\nquery <- \""
                + sparql.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n"
                + "response <- POST(\"" + endpoint
                + "\", body = list(query = query), encode = \"form\", accept(\"text/csv\"))\n"
                + "rows <- read.csv(text = content(response, \"text\", encoding = \"UTF-8\"))\n";
        String python = "# the slice as CSV\nimport pandas as pd\nslice = pd.read_csv(\"" + csvUrl + "\")\n\n"
                + "# the same rows from the SPARQL endpoint\nimport io, requests\nquery = \"\"\"" + sparql + "\"\"\"\n"
                + "response = requests.post(\"" + endpoint
                + "\", data={\"query\": query}, headers={\"Accept\": \"text/csv\"})\n"
                + "rows = pd.read_csv(io.StringIO(response.text))\n";
        return new ApiExamples(csvUrl, endpoint, curl, r, python);
    }
}
