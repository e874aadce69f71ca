package vn.attthub.organisation;

import java.util.List;

/** One page of agencies and the cursor of the next page (null on the last page). */
public record AgencyPage(List<Agency> items, String next) {
}
