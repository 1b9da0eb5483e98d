/**
 * A real {@code kube-apiserver} and {@code etcd} for tests, with no kubelet and no controllers:
 * {@link dev.gitops.test.apiserver.KubeApiServer} starts and stops them, {@link
 * dev.gitops.test.apiserver.KubeApiServerExtension} hands one to JUnit 5 tests.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.test.apiserver;

import org.jspecify.annotations.NullMarked;
