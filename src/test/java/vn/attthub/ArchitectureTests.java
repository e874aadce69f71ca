package vn.attthub;

import archfixtures.LeakyController;
import archfixtures.SneakyAuditWriter;
import archfixtures.UndeclaredController;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import vn.attthub.shared.AnyAuthenticatedUser;
import vn.attthub.shared.PublicEndpoint;
import vn.attthub.shared.RequiresPermission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The invariants that matter (ARCHITECTURE.md "Tests"), each with its reason. Every rule is also run against a
 * deliberately bad class in {@code archfixtures} to prove that it can fail.
 */
class ArchitectureTests {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.attthub");
    static final List<Class<? extends java.lang.annotation.Annotation>> ACCESS_RULES =
            List.of(RequiresPermission.class, AnyAuthenticatedUser.class, PublicEndpoint.class);

    // --- every endpoint declares its access rule ---

    static final DescribedPredicate<JavaMethod> HANDLERS = DescribedPredicate.describe("HTTP handler methods",
            m -> m.isAnnotatedWith(RequestMapping.class) || m.isMetaAnnotatedWith(RequestMapping.class));

    static long accessRulesOn(com.tngtech.archunit.core.domain.properties.CanBeAnnotated element) {
        return ACCESS_RULES.stream().filter(a -> element.isAnnotatedWith(a) || element.isMetaAnnotatedWith(a)).count();
    }

    static final ArchCondition<JavaMethod> DECLARE_EXACTLY_ONE_ACCESS_RULE = new ArchCondition<>(
            "declare exactly one of @RequiresPermission, @AnyAuthenticatedUser, @PublicEndpoint (on the method or its class)") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
            long onMethod = accessRulesOn(method);
            long onClass = accessRulesOn(method.getOwner());
            boolean ok = onMethod == 1 || (onMethod == 0 && onClass == 1);
            events.add(new SimpleConditionEvent(method, ok, method.getFullName() + " declares " + onMethod
                    + " access rule(s) itself and " + onClass + " on its class"));
        }
    };

    static ArchRule endpointsDeclareAccess() {
        return methods().that(HANDLERS).should(DECLARE_EXACTLY_ONE_ACCESS_RULE)
                .because("access is opt-in, never forgotten: identity.PermissionInterceptor refuses an undeclared "
                        + "handler at run time, and this rule catches it before it ships");
    }

    @Test
    void everyEndpointDeclaresItsAccessRule() {
        endpointsDeclareAccess().check(MAIN);
    }

    @Test
    void theAccessRuleCatchesAnUndeclaredEndpoint() {
        assertThatThrownBy(() -> endpointsDeclareAccess().check(new ClassFileImporter().importClasses(UndeclaredController.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("forgotten");
    }

    // --- the audit trail is written only through the audit module ---

    static final String[] AUDIT_SQL = {"audit_event", "audit_append", "audit_pending"};

    /** Reads the class file and looks for the audit table and function names among its string constants. */
    static final ArchCondition<JavaClass> MENTION_AUDIT_TABLES_IN_SQL = new ArchCondition<>(
            "mention the audit table or its append function in SQL") {
        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            String constants = classFileText(javaClass);
            for (String name : AUDIT_SQL) {
                if (constants.contains(name)) {
                    events.add(SimpleConditionEvent.satisfied(javaClass,
                            javaClass.getName() + " contains SQL text naming " + name));
                }
            }
        }
    };

    static String classFileText(JavaClass javaClass) {
        return javaClass.getSource().map(source -> {
            try (InputStream in = source.getUri().toURL().openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + source.getUri(), e);
            }
        }).orElseThrow(() -> new IllegalStateException("no class file for " + javaClass.getName()));
    }

    static ArchRule auditOnlyThroughTheAuditModule() {
        return noClasses().that().resideOutsideOfPackage("vn.attthub.audit..").should(MENTION_AUDIT_TABLES_IN_SQL)
                .because("the hash chain is only trustworthy if every entry is appended by audit.AuditLog "
                        + "(its audit_pending entries are chained after commit by audit_append, which takes the chain lock "
                        + "and computes the hash); other modules call AuditLog.record");
    }

    @Test
    void auditEntriesAreWrittenOnlyThroughTheAuditModule() {
        auditOnlyThroughTheAuditModule().check(MAIN);
        // The audit module itself does mention them: the rule looks at real SQL text.
        assertThat(Stream.of(AUDIT_SQL).anyMatch(classFileText(MAIN.get(vn.attthub.audit.AuditLog.class))::contains))
                .isTrue();
    }

    @Test
    void theAuditRuleCatchesSqlWritingTheAuditTableElsewhere() {
        assertThatThrownBy(() -> auditOnlyThroughTheAuditModule()
                .check(new ClassFileImporter().importClasses(SneakyAuditWriter.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("audit_event");
    }

    // --- controllers never bind persistence types ---

    static boolean persistenceType(JavaClass type) {
        String pkg = type.getPackageName();
        return pkg.startsWith("java.sql") || pkg.startsWith("javax.sql")
                || pkg.startsWith("org.springframework.data") || pkg.startsWith("org.springframework.jdbc")
                || pkg.contains(".persistence") || pkg.contains(".internal")
                || type.isAnnotatedWith("org.springframework.data.relational.core.mapping.Table")
                || type.isAssignableTo("org.springframework.data.repository.Repository");
    }

    static final ArchCondition<JavaMethod> EXPOSE_NO_PERSISTENCE_TYPES = new ArchCondition<>(
            "neither accept nor return persistence types (java.sql, Spring Data/JDBC, @Table entities, repositories)") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
            List<JavaType> types = new ArrayList<>(method.getParameterTypes());
            types.add(method.getReturnType());
            types.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream()).filter(ArchitectureTests::persistenceType)
                    .distinct()
                    .forEach(t -> events.add(SimpleConditionEvent.violated(method,
                            method.getFullName() + " binds persistence type " + t.getName())));
        }
    };

    static ArchRule controllersExposeNoPersistenceTypes() {
        return methods().that(HANDLERS).and().areDeclaredInClassesThat().areMetaAnnotatedWith(Controller.class)
                .should(EXPOSE_NO_PERSISTENCE_TYPES)
                .because("the HTTP contract is request/response records nested in the controller; binding an entity "
                        + "or a JDBC type leaks columns (password hashes, versions) and lets clients set fields they must not");
    }

    @Test
    void controllersNeverBindPersistenceTypes() {
        controllersExposeNoPersistenceTypes().check(MAIN);
    }

    @Test
    void thePersistenceRuleCatchesAControllerReturningJdbcTypes() {
        assertThatThrownBy(() -> controllersExposeNoPersistenceTypes()
                .check(new ClassFileImporter().importClasses(LeakyController.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("java.sql.ResultSet");
    }

    // --- no junk-drawer packages or names ---

    @Test
    void noUtilCommonHelperOrManagerBuckets() {
        noClasses().should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..",
                        "..manager..")
                .because("code lives in the module whose concept it serves (ARCHITECTURE.md: never add util, common, "
                        + "helper or manager buckets)")
                .check(MAIN);
        classes().should().haveSimpleNameNotEndingWith("Manager").andShould().haveSimpleNameNotEndingWith("Helper")
                .andShould().haveSimpleNameNotEndingWith("Utils").andShould().haveSimpleNameNotEndingWith("Util")
                .because("classes are named by what they do, not as managers or helpers")
                .check(MAIN);
    }
}
