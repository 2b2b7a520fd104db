package scot.cairn.tabulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an ingest did: records stored; for targeted record swapping, how many records were risky
 * (unique on the key variables in their data zone), how many of those were rare (unique in their
 * intermediate zone too, selected at the higher rate), how many were selected, how many records
 * changed data zone (two per pair) and the swap rate achieved (records that changed data zone /
 * all records); and how long it took.
 */
public record IngestReport(
        String dataset,
        long records,
        long riskyRecords,
        long rareRecords,
        long selectedForSwap,
        long swappedRecords,
        long swapPairs,
        double swapRate,
        double seconds) {

    String toJson() {
        try {
            return new ObjectMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static IngestReport fromJson(String json) {
        try {
            return new ObjectMapper().readValue(json, IngestReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The share of risky records that were swapped (their partners are counted in {@link #swapRate}). */
    public double riskyShareSwapped() {
        return riskyRecords == 0 ? 0 : (double) swapPairs / riskyRecords;
    }
}
