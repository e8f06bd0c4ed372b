package io.tlsweep.targets;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts a {@link TargetFarm} once per test class and stops it afterwards;
 * test methods, constructors and lifecycle methods get it by declaring a {@code TargetFarm} parameter.
 *
 * <pre>{@code
 * @ExtendWith(TargetFarmExtension.class)           // the default farm
 * class ScanTest { @Test void scans(TargetFarm farm) { ... } }
 *
 * @RegisterExtension                                 // a farm of one's own
 * static TargetFarmExtension farm = TargetFarmExtension.of(List.of(DefaultProfiles.mixed()));
 * }</pre>
 */
public final class TargetFarmExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TargetFarmExtension.class);

    private final List<? extends TargetSpec> specs;

    /** The default farm ({@link DefaultProfiles#all()}). */
    public TargetFarmExtension() {
        this(DefaultProfiles.all());
    }

    private TargetFarmExtension(List<? extends TargetSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /** An extension starting exactly these specs (use with {@code @RegisterExtension}). */
    public static TargetFarmExtension of(List<? extends TargetSpec> specs) {
        return new TargetFarmExtension(specs);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        store(context).put(TargetFarm.class, TargetFarm.start(specs));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TargetFarm farm = store(context).remove(TargetFarm.class, TargetFarm.class);
        if (farm != null) {
            farm.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TargetFarm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TargetFarm farm = store(context).get(TargetFarm.class, TargetFarm.class);
        if (farm == null) {
            throw new IllegalStateException("no farm: TargetFarmExtension starts it before all tests of a class");
        }
        return farm;
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE);
    }
}
