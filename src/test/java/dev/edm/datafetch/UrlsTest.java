package dev.edm.datafetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlsTest {
    private static final URI BASE = URI.create("https://api.example.com/v1/items?per_page=2&page=1");

    @Test
    void findsRelNextAmongSeveralLinks() {
        String github = "<https://api.example.com/v1/items?per_page=2&page=3>; rel=\"next\", "
                + "<https://api.example.com/v1/items?per_page=2&page=9>; rel=\"last\"";
        assertThat(Urls.nextLink(List.of(github), BASE))
                .contains(URI.create("https://api.example.com/v1/items?per_page=2&page=3"));
    }

    @Test
    void relativeTargetsAndUnquotedOrListedRels() {
        assertThat(Urls.nextLink(List.of("</v1/items?page=2>; rel=next"), BASE))
                .contains(URI.create("https://api.example.com/v1/items?page=2"));
        assertThat(Urls.nextLink(List.of("<?page=4>; title=\"x\"; rel=\"prefetch next\""), BASE))
                .contains(URI.create("https://api.example.com/v1/items?page=4"));
        assertThat(Urls.nextLink(List.of("<https://a/b?page=1>; rel=\"prev\""), BASE))
                .isEmpty();
        assertThat(Urls.nextLink(List.of(), BASE)).isEmpty();
    }

    @Test
    void setsAQueryParameterReplacingItsValue() {
        assertThat(Urls.withParam(BASE, "page", "2"))
                .isEqualTo(URI.create("https://api.example.com/v1/items?per_page=2&page=2"));
        assertThat(Urls.withParam(URI.create("http://h/x"), "cursor", "a b/c"))
                .isEqualTo(URI.create("http://h/x?cursor=a%20b%2Fc"));
        assertThat(Urls.param(BASE, "page")).isEqualTo(Optional.of("1"));
    }
}
