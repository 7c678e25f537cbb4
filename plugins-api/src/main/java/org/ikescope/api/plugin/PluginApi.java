package org.ikescope.api.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the plugin API version a {@link DiagnosticPlugin} class was compiled against.
 * Required on every plugin class; the host refuses a plugin without it, or with another
 * {@link #major()} than its own {@link ApiVersion#MAJOR}.
 *
 * <pre>{@code
 * @PluginApi(major = ApiVersion.MAJOR, minor = ApiVersion.MINOR)
 * public final class SlowHandshake implements DiagnosticPlugin { ... }
 * }</pre>
 *
 * <p>Always write the constants, never literal numbers: javac inlines
 * {@code ApiVersion.MAJOR} into the plugin's class file when the plugin is compiled, so the
 * annotation records the API the plugin was built against. The host reads it before it
 * instantiates the plugin. The annotation is inherited, so a plugin may extend an annotated
 * base class of its own jar.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PluginApi {
    /** {@link ApiVersion#MAJOR} of the API the plugin was compiled against. No default, on purpose. */
    int major();

    /**
     * {@link ApiVersion#MINOR} of the API the plugin was compiled against: the host refuses the
     * plugin when its own minor version is older (the plugin may call methods the host lacks).
     * Defaults to 0, i.e. "needs nothing added after {@code MAJOR.0}".
     */
    int minor() default 0;
}
