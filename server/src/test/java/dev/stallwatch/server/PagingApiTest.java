package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging through more incidents than one page holds, as a client following the hints would. */
class PagingApiTest {

  private static final int COUNT = 1234;
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

  private static RunningDashboard dashboard;
  private static List<String> newestFirst;

  @BeforeAll
  static void startServer() {
    List<Incident> incidents =
        TestIncidents.aptHangs("dev-anna", Instant.parse("2026-04-01T00:00:00Z"), COUNT);
    dashboard = new RunningDashboard(incidents);
    newestFirst = incidents.reversed().stream().map(Incident::id).toList();
  }

  @AfterAll
  static void stopServer() throws IOException {
    dashboard.close();
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  /** Every page of a search, from the first on, following {@code nextOffset}. */
  private static List<String> everySearchPage(String firstPage) throws Exception {
    List<String> ids = new ArrayList<>();
    int pages = 0;
    JsonNode page = json(dashboard.get(firstPage));
    while (true) {
      pages++;
      assertThat(page.path("offset").asInt()).isEqualTo(ids.size());
      page.path("hits").forEach(hit -> ids.add(hit.path("incident").path("id").asText()));
      if (page.path("nextOffset").isNull()) {
        break;
      }
      page = json(dashboard.get(firstPage + "&offset=" + page.path("nextOffset").asInt()));
    }
    assertThat(pages).isGreaterThan(2);
    return ids;
  }

  @Test
  void pagesOfASearchNewestFirstHoldEveryIncidentOnceInOrder() throws Exception {
    List<String> ids = everySearchPage("/api/search?q=host%3Adev-anna&limit=500&facets=false");

    assertThat(ids).isEqualTo(newestFirst);
  }

  @Test
  void pagesOfASearchByRelevanceHoldEveryIncidentOnce() throws Exception {
    List<String> ids = everySearchPage("/api/search?q=apt-get+blocked&limit=400");

    assertThat(ids).hasSize(COUNT).doesNotHaveDuplicates().containsAll(newestFirst);
  }

  @Test
  void theLastSearchPageSaysThereIsNoNext() throws Exception {
    HttpResponse<String> last = dashboard.get("/api/search?q=apt&sort=recent&offset=1200&limit=50");

    JsonNode body = json(last);
    assertThat(body.path("hits").size()).isEqualTo(34);
    assertThat(body.path("nextOffset").isNull()).isTrue();
    assertThat(last.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void pagesOfTheNewestIncidentsFollowTheLinkHeader() throws Exception {
    List<String> ids = new ArrayList<>();
    String next = "/api/incidents?limit=500";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> response = dashboard.get(next);
      json(response).forEach(incident -> ids.add(incident.path("id").asText()));
      pages++;
      Matcher link = NEXT.matcher(response.headers().firstValue("Link").orElse(""));
      next = link.matches() ? link.group(1) : null;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(ids).isEqualTo(newestFirst);
  }
}
