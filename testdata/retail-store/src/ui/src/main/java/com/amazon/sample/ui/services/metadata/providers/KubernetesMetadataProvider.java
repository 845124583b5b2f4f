/*
 * Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.
 * SPDX-License-Identifier: MIT-0
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this
 * software and associated documentation files (the "Software"), to deal in the Software
 * without restriction, including without limitation the rights to use, copy, modify,
 * merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
 * permit persons to whom the Software is furnished to do so.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 * INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
 * PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
 * HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
 * OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 * SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */

package com.amazon.sample.ui.services.metadata.providers;

import com.amazon.sample.ui.services.metadata.MetadataAttribute;
import com.amazon.sample.ui.services.metadata.MetadataProvider;
import com.amazon.sample.ui.services.metadata.MetadataSet;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

record Pair(String env, String attribute) {
  // intentionally empty
}

@Component
public class KubernetesMetadataProvider implements MetadataProvider {

  private static final String K8S_TOKEN_PATH =
    "/var/run/secrets/kubernetes.io/serviceaccount/token";
  private static final Pair[] METADATA_ENV_VARS = {
    new Pair("METADATA_KUBERNETES_POD_NAME", "pod.name"),
    new Pair("METADATA_KUBERNETES_NAMESPACE", "pod.namespace"),
    new Pair("METADATA_KUBERNETES_NODE_NAME", "node.name"),
  };

  @Override
  public MetadataSet get() {
    if (!Files.exists(Paths.get(K8S_TOKEN_PATH))) {
      return null;
    }

    List<MetadataAttribute> attributes = new ArrayList<>();

    for (Pair envVar : METADATA_ENV_VARS) {
      String value = System.getenv(envVar.env());
      if (value != null && !value.isEmpty()) {
        attributes.add(new MetadataAttribute(envVar.attribute(), value, "k8s"));
      }
    }

    return new MetadataSet("k8s", attributes);
  }
}
