package vn.attthub.regime.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.attthub.regime.ConstructionGrade;
import vn.attthub.regime.DossierProcedures;
import vn.attthub.regime.InformationType;
import vn.attthub.regime.InfrastructureScope;
import vn.attthub.regime.LevelDetermination;
import vn.attthub.regime.LevelInputs;
import vn.attthub.regime.LevelRules;
import vn.attthub.regime.MatchedRule;
import vn.attthub.regime.NationalSecurityImpact;
import vn.attthub.regime.SystemType;
import vn.attthub.regime.WorkingCalendar;
import vn.attthub.shared.AnyAuthenticatedUser;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guided classification wizard (issue 3 §2): plain-language questions over the inputs of Decree 85/2016
 * Art 7-11, re-evaluated with htmx as the user answers, showing the level, every matched article and which of them
 * decided it; or, when nothing matches, the D3 message with Law 86/2015 Art 21's damage descriptions.
 */
@Controller
@RequestMapping("/level-wizard")
@AnyAuthenticatedUser
class LevelWizardPages {
    private final LevelRules rules;
    private final DossierProcedures procedures;

    LevelWizardPages(LevelRules rules, DossierProcedures procedures) {
        this.rules = rules;
        this.procedures = procedures;
    }

    /** The answers as given, so that the page shows them back exactly; unknown or invalid values count as unknown. */
    static final class Answers {
        private final MultiValueMap<String, String> values;

        Answers(MultiValueMap<String, String> values) {
            this.values = values;
        }

        public boolean is(String field, Object value) {
            List<String> given = values.get(field);
            return given != null && given.contains(String.valueOf(value));
        }

        public String value(String field) {
            String v = values.getFirst(field);
            return v == null ? "" : v;
        }

        public boolean unknown(String field) {
            String v = values.getFirst(field);
            return v == null || v.isBlank();
        }

        boolean any() {
            return values.keySet().stream().anyMatch(k -> !k.equals("_csrf") && !k.equals("lang") && !unknown(k));
        }
    }

    /** One row of the result, with its readable article reference and whether it decided the level. */
    record ResultRow(String article, String reference, int level, String text, boolean decisive) {
    }

    /** The empty wizard, or one prefilled from a link (see {@link vn.attthub.regime.LevelWizardLink}) and evaluated. */
    @GetMapping
    String page(@RequestParam MultiValueMap<String, String> params, Model model) {
        Answers given = new Answers(params);
        return render(given.any() ? params : new LinkedMultiValueMap<>(), model, given.any());
    }

    @PostMapping
    String evaluate(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request, Model model) {
        boolean fragment = "true".equals(request.getHeader("HX-Request"));
        String view = render(params, model, true);
        return fragment ? "regime/wizard :: result" : view;
    }

    private String render(MultiValueMap<String, String> params, Model model, boolean submitted) {
        Answers answers = new Answers(params);
        Map<String, String> errors = new LinkedHashMap<>();
        LevelInputs inputs = inputs(answers, errors);
        model.addAttribute("answers", answers);
        model.addAttribute("errors", errors);
        model.addAttribute("submitted", submitted);
        model.addAttribute("systemTypes", SystemType.values());
        model.addAttribute("informationTypes", InformationType.values());
        model.addAttribute("scopes", InfrastructureScope.values());
        model.addAttribute("grades", ConstructionGrade.values());
        model.addAttribute("impacts", NationalSecurityImpact.values());
        model.addAttribute("serviceLevels", List.of(0, 1, 2, 3, 4));
        model.addAttribute("levels", List.of(1, 2, 3, 4, 5));
        if (inputs != null) {
            LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
            LevelDetermination d = rules.determine(inputs, today);
            Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            List<ResultRow> rows = new ArrayList<>();
            for (MatchedRule m : d.matched()) {
                rows.add(new ResultRow(m.article(), ArticleReference.of(m.article(), locale), m.level(), m.text(),
                        d.level() != null && m.level() == d.level()));
            }
            model.addAttribute("determination", d);
            model.addAttribute("rows", rows);
            model.addAttribute("procedure", d.level() == null ? null : procedures.forLevel(d.level(), today));
        }
        return "regime/wizard";
    }

    /** The inputs, or null until a system type is chosen; invalid answers are reported and treated as unknown. */
    static LevelInputs inputs(Answers a, Map<String, String> errors) {
        SystemType type = enumValue(a, "systemType", SystemType.class, errors);
        Set<InformationType> info = null;
        List<String> given = a.values.get("informationTypes");
        if (given != null && !given.isEmpty()) {
            info = EnumSet.noneOf(InformationType.class);
            for (String g : given) {
                try {
                    info.add(InformationType.valueOf(g));
                } catch (IllegalArgumentException e) {
                    errors.put("informationTypes", "regime.wizard.error.choice");
                }
            }
        }
        Integer serviceLevel = null;
        if (!a.unknown("onlinePublicServiceLevel")) {
            serviceLevel = integer(a.value("onlinePublicServiceLevel"));
            if (serviceLevel == null || serviceLevel < 0 || serviceLevel > 4) {
                errors.put("onlinePublicServiceLevel", "regime.wizard.error.choice");
                serviceLevel = null;
            }
        }
        Integer users = null;
        if (!a.unknown("personalDataSubjects")) {
            String raw = a.value("personalDataSubjects").replace(".", "").replace(",", "").replace(" ", "");
            users = integer(raw);
            if (users == null || users < 0) {
                errors.put("personalDataSubjects", "regime.wizard.error.users");
                users = null;
            }
        }
        TreeSet<Integer> components = new TreeSet<>();
        List<String> levels = a.values.get("componentLevels");
        if (levels != null) {
            for (String l : levels) {
                Integer v = integer(l);
                if (v == null || v < 1 || v > 5) {
                    errors.put("componentLevels", "regime.wizard.error.choice");
                } else {
                    components.add(v);
                }
            }
        }
        if (type == null) {
            return null;
        }
        return new LevelInputs(type, info, serviceLevel, bool(a, "conditionalBusinessLine", errors), users,
                enumValue(a, "infrastructureScope", InfrastructureScope.class, errors),
                bool(a, "operates24x7", errors), bool(a, "nationalEGovernment", errors),
                enumValue(a, "constructionGrade", ConstructionGrade.class, errors),
                bool(a, "nationalSecurityWork", errors), bool(a, "defenceOrSecuritySystem", errors),
                enumValue(a, "nationalSecurityImpact", NationalSecurityImpact.class, errors),
                bool(a, "nationalCriticalDataStore", errors), bool(a, "primeMinisterDesignated", errors),
                List.copyOf(components));
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean bool(Answers a, String field, Map<String, String> errors) {
        if (a.unknown(field)) {
            return null;
        }
        return switch (a.value(field)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                errors.put(field, "regime.wizard.error.choice");
                yield null;
            }
        };
    }

    private static <E extends Enum<E>> E enumValue(Answers a, String field, Class<E> type, Map<String, String> errors) {
        if (a.unknown(field)) {
            return null;
        }
        try {
            return Enum.valueOf(type, a.value(field));
        } catch (IllegalArgumentException e) {
            errors.put(field, "regime.wizard.error.choice");
            return null;
        }
    }
}
