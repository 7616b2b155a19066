package dev.mercato.identity.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class AccountLocaleTest {

    @Test
    void anExplicitSupportedLocaleWinsOverTheHeader() {
        assertThat(AccountLocale.choose("IT", "en-US,en;q=0.9")).isEqualTo("it");
    }

    @Test
    void anExplicitUnsupportedLocaleIsRefused() {
        assertThatThrownBy(() -> AccountLocale.choose("fr", "it")).isInstanceOf(ProblemException.class);
    }

    @Test
    void theHeadersBestSupportedMatchIsTaken() {
        assertThat(AccountLocale.choose(null, "it-IT,it;q=0.9,en;q=0.5")).isEqualTo("it");
        assertThat(AccountLocale.choose(null, "fr-FR,fr;q=0.9,it;q=0.8,en;q=0.7"))
                .isEqualTo("it");
        assertThat(AccountLocale.choose(null, "de,en-GB;q=0.5")).isEqualTo("en");
    }

    @Test
    void noUsableHeaderMeansEnglish() {
        assertThat(AccountLocale.choose(null, null)).isEqualTo("en");
        assertThat(AccountLocale.choose(null, "fr, de")).isEqualTo("en");
        assertThat(AccountLocale.choose(null, "@@not a header;q=x")).isEqualTo("en");
    }
}
