package cn.huren.server.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The scope a v1 endpoint needs. A v1 handler without it is refused to every client (fail closed). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface RequiresScope {

    Scope value();
}
