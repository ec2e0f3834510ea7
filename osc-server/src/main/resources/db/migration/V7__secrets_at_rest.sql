-- Secrets encrypted at rest (issue 14): each secret column holds osc:v1:<keyId>:<base64(iv | ciphertext | tag)>,
-- up to 4 characters per character of plaintext (UTF-8, at most 3 bytes a character, grows by 4/3 in base64)
-- plus 64 for the marker, the key id, the IV and the tag (Columns.*_SEALED). The values themselves are encrypted by
-- the server at its first start after this migration (it needs the key, which the database must never hold).
ALTER TABLE manager_connector ALTER COLUMN password SET DATA TYPE VARCHAR(4160);
ALTER TABLE manager_connector ALTER COLUMN api_key SET DATA TYPE VARCHAR(16448);
ALTER TABLE virtualization_connector ALTER COLUMN token SET DATA TYPE VARCHAR(32832);
ALTER TABLE virtualization_connector ALTER COLUMN kubeconfig SET DATA TYPE VARCHAR(262208);
ALTER TABLE vc_controller_secret ALTER COLUMN secret_value SET DATA TYPE VARCHAR(65600);
