-- A user's named list filters ("my VIP customers in Shiraz").
CREATE TABLE IF NOT EXISTS saved_filters (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  list VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  query VARCHAR(1000) CHARACTER SET ascii NOT NULL,
  UNIQUE KEY uq_saved_filters (user_id, list, name),
  CONSTRAINT fk_saved_filters_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;
